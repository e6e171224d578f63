import { describe, expect, it } from 'vitest';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import type { TaskDefinition, Trigger } from '../../src/schtasks/model.js';
import { definitionToDeclaration } from '../../src/import/definition-to-declaration.js';
import { awkwardText, bareMinimum, defaultsWrittenOut, everyTriggerType, samples } from './sample-tasks.js';
import { compiledByPath, normalizedOf } from './round-trip.js';

/** Declaration → JSON text → compile → normalize, against normalize(live). */
function roundTrips(folder: string, name: string, def: TaskDefinition): void {
  const { task } = definitionToDeclaration(folder, name, def, 'AGI');
  const document = JSON.parse(JSON.stringify({ prefix: 'AGI', tasks: [task] })) as unknown;
  const [compiled] = compiledByPath(document).values();
  expect(normalizedOf(compiled)).toEqual(normalizeTask(def));
}

describe('definitionToDeclaration round trip: compile + normalize gives normalize(live)', () => {
  it.each(Object.entries(samples))('%s', (name, def) => {
    roundTrips('\\Ops\\', `AGI_${name}`, def);
  });

  const oneTrigger = (trigger: Trigger): TaskDefinition => ({ ...bareMinimum, triggers: [trigger] });
  it.each(everyTriggerType.triggers.map((trigger) => [trigger.kind === 'CalendarTrigger' ? `Calendar ${trigger.schedule.kind}` : trigger.kind, trigger] as const))(
    'a lone %s',
    (_, trigger) => {
      roundTrips('\\', 'AGI_One', oneTrigger(trigger));
    },
  );
});

describe('definitionToDeclaration writes only what differs from the defaults', () => {
  it('says nothing about defaults written out by the exporter', () => {
    const { task, notes } = definitionToDeclaration('\\', 'AGI_Defaults', defaultsWrittenOut, 'AGI');
    expect(notes).toEqual([]);
    expect(task).toEqual({
      name: 'AGI_Defaults',
      actions: [{ command: 'python.exe' }],
      triggers: [
        { type: 'daily', start: '2025-01-01T03:45:00', repeat: { interval: 'PT1H' } },
        { type: 'boot' },
        { type: 'event', subscription: expect.stringContaining('<QueryList>') },
      ],
      timeLimit: 'P3D',
      principal: { userId: 'S-1-5-18' },
    });
  });

  it('declares the 72-hour limit of a live task that has no ExecutionTimeLimit, and leaves the folder out at the root', () => {
    expect(definitionToDeclaration('\\', 'AGI_Bare', bareMinimum, 'AGI')).toEqual({
      task: { name: 'AGI_Bare', actions: [{ command: 'notepad.exe' }], timeLimit: 'P3D' },
      notes: [],
    });
  });

  it('writes readable durations and keeps the folder of a sub-folder task', () => {
    const def: TaskDefinition = {
      ...bareMinimum,
      triggers: [{ kind: 'BootTrigger', delay: 'PT90S', repetition: { interval: 'PT60M', duration: 'PT1440M' } }],
      settings: { executionTimeLimit: 'PT12M0S' },
    };
    const { task } = definitionToDeclaration('\\Ops\\Nightly\\', 'AGI_X', def, 'AGI');
    expect(task).toMatchObject({
      folder: '\\Ops\\Nightly\\',
      timeLimit: 'PT12M',
      triggers: [{ type: 'boot', delay: 'PT1M30S', repeat: { interval: 'PT1H', duration: 'P1D' } }],
    });
  });

  it('keeps a principal that has only defaults (it differs from having none)', () => {
    const def: TaskDefinition = { ...bareMinimum, principal: { id: 'Author', runLevel: 'LeastPrivilege' } };
    expect(definitionToDeclaration('\\', 'AGI_P', def, 'AGI').task.principal).toEqual({ runLevel: 'LeastPrivilege' });
    roundTrips('\\', 'AGI_P', def);
  });

  it('writes value queries as a record, or as a list when names repeat', () => {
    const record = definitionToDeclaration('\\', 'AGI_E', { ...bareMinimum, triggers: [everyTriggerType.triggers[8]!] }, 'AGI');
    expect(record.task.triggers?.[0]).toMatchObject({ valueQueries: { eventId: 'Event/System/EventID' } });
    const list = definitionToDeclaration('\\', 'AGI_E', awkwardText, 'AGI');
    expect(list.task.triggers?.[0]).toMatchObject({ valueQueries: [{ name: 'dup', value: 'a' }, { name: 'dup', value: 'b' }] });
  });
});

describe('definitionToDeclaration notes', () => {
  it('notes every raw escape hatch, naming the task and the element', () => {
    const { task, notes } = definitionToDeclaration('\\Ops\\', 'AGI_Every', everyTriggerType, 'AGI');
    expect(task.triggers?.[11]).toEqual({ type: 'raw', xml: everyTriggerType.triggers[11] && (everyTriggerType.triggers[11] as { xml: string }).xml });
    expect(task.actions[2]).toEqual({ raw: '<ShowMessage><Title>Hi</Title><Body>There</Body></ShowMessage>' });
    expect(notes).toEqual([
      '\\Ops\\AGI_Every triggers[11]: <WnfStateChangeTrigger> has no typed form in taskctl; it is carried verbatim as a raw trigger',
      '\\Ops\\AGI_Every actions[2]: <ShowMessage> has no typed form in taskctl; it is carried verbatim as a raw action',
    ]);
  });

  it('keeps a Password logon type so apply asks for one, and never writes a password', () => {
    const def: TaskDefinition = { ...bareMinimum, principal: { userId: 'CONTOSO\\svc', logonType: 'Password' } };
    const { task, notes } = definitionToDeclaration('\\', 'AGI_Pw', def, 'AGI');
    expect(task.principal).toEqual({ userId: 'CONTOSO\\svc', logonType: 'Password' });
    expect(JSON.stringify(task)).not.toMatch(/password"\s*:/i);
    expect(notes).toEqual([expect.stringContaining('\\AGI_Pw: runs as CONTOSO\\svc with logon type Password; apply will ask for the password')]);
  });

  it('says loudly when a live value is one taskctl refuses (it is kept, not silently changed)', () => {
    const def: TaskDefinition = { ...bareMinimum, actions: [{ kind: 'Exec', command: '' }] };
    const { task, notes } = definitionToDeclaration('\\', 'AGI_Empty', def, 'AGI');
    expect(task.actions).toEqual([{ command: '' }]);
    expect(notes).toEqual([expect.stringMatching(/^\\AGI_Empty: the live value is refused by taskctl, fix it before applying: actions\[0\]\.command: command must not be empty/)]);
  });

  it('says when a time trigger has no start boundary', () => {
    const def: TaskDefinition = { ...bareMinimum, triggers: [{ kind: 'TimeTrigger' }] };
    const { notes } = definitionToDeclaration('\\', 'AGI_NoStart', def, 'AGI');
    expect(notes[0]).toContain('triggers[0]: the live trigger has no StartBoundary');
  });

  it('says when the name is outside the prefix', () => {
    expect(definitionToDeclaration('\\', 'Other', bareMinimum, 'AGI').notes).toEqual([expect.stringContaining('does not start with the prefix "AGI"')]);
  });
});
