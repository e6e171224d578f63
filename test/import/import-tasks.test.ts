/**
 * `importTasks`: live records → declarations that plan back to no changes (the same
 * comparison plan makes: normalize both, metadata compared only where declared), what it
 * writes field by field, when it keeps a task whole as XML, and what it says.
 */
import { describe, expect, it } from 'vitest';
import { importTasks } from '../../src/import/import-tasks.js';
import type { LiveTaskRecord, TaskDefinition } from '../../src/schtasks/model.js';
import { alignUndeclared, normalizeTask } from '../../src/schtasks/normalize-task.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { compiledByPath } from './round-trip.js';
import { awkwardText, bareMinimum, defaultsWrittenOut, everyTriggerType, samples } from './sample-tasks.js';

const record = (taskPath: string, taskName: string, xml: string): LiveTaskRecord => ({ taskPath, taskName, state: 'Ready', xml });
const live = (def: TaskDefinition, name = 'AGI_X', folder = '\\') => record(folder, name, renderTaskXml(def));

/** Imports (JSON), compiles the file, and returns each task's declaration and whether it plans back to no changes. */
function imported(records: LiveTaskRecord[]) {
  const result = importTasks(records, { prefix: 'AGI', format: 'json' });
  const document = JSON.parse(result.text) as { tasks: Record<string, unknown>[] };
  const compiled = compiledByPath(document);
  const plansClean = (r: LiveTaskRecord) => {
    const declared = compiled.get(`${r.taskPath}${r.taskName}`);
    if (!declared) return false;
    const wanted = normalizeTask(declared.definition);
    return JSON.stringify(alignUndeclared(normalizeTask(parseTaskXml(r.xml).definition), wanted)) === JSON.stringify(wanted);
  };
  return { result, tasks: document.tasks, plansClean };
}

describe('every sample plans back to no changes', () => {
  it.each(Object.entries(samples))('%s', (name, def) => {
    const r = live(def, `AGI_${name}`, '\\Ops\\');
    const { plansClean, tasks } = imported([r]);
    expect(plansClean(r)).toBe(true);
    expect(tasks[0]).not.toHaveProperty('xml');
  });

  it.each(everyTriggerType.triggers.map((t) => [t.kind === 'CalendarTrigger' ? `Calendar ${t.schedule.kind}` : t.kind, t] as const))('a lone %s trigger', (_, trigger) => {
    const r = live({ ...bareMinimum, triggers: [trigger] });
    expect(imported([r]).plansClean(r)).toBe(true);
  });
});

describe('field by field: only what differs from a default', () => {
  it('says nothing about defaults written out by the exporter', () => {
    const { tasks } = imported([live(defaultsWrittenOut, 'AGI_Defaults')]);
    expect(tasks[0]).toEqual({
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
    expect(imported([live(bareMinimum, 'AGI_Bare')]).tasks[0]).toEqual({ name: 'AGI_Bare', actions: [{ command: 'notepad.exe' }], timeLimit: 'P3D' });
  });

  it('writes short durations and keeps the folder of a sub-folder task', () => {
    const def: TaskDefinition = {
      ...bareMinimum,
      triggers: [{ kind: 'BootTrigger', delay: 'PT90S', repetition: { interval: 'PT60M', duration: 'PT1440M' } }],
      settings: { executionTimeLimit: 'PT12M0S' },
    };
    expect(imported([live(def, 'AGI_X', '\\Ops\\Nightly\\')]).tasks[0]).toMatchObject({
      folder: '\\Ops\\Nightly\\',
      timeLimit: 'PT12M',
      triggers: [{ type: 'boot', delay: 'PT1M30S', repeat: { interval: 'PT1H', duration: 'P1D' } }],
    });
  });

  it('keeps a principal that has only defaults (it differs from having none)', () => {
    const r = live({ ...bareMinimum, principal: { id: 'Author', runLevel: 'LeastPrivilege' } }, 'AGI_P');
    const { tasks, plansClean } = imported([r]);
    expect(tasks[0]!.principal).toEqual({ runLevel: 'LeastPrivilege' });
    expect(plansClean(r)).toBe(true);
  });

  it('imports Author, Source, Version and the security descriptor (compared from then on); never Date or URI', () => {
    const def: TaskDefinition = {
      ...bareMinimum,
      registrationInfo: { date: '2024-05-22T10:42:19', author: 'CONTOSO\\ops', uri: '\\AGI_Meta', source: 'Setup', version: '1.2.3', securityDescriptor: 'D:(A;;FA;;;BA)(A;;GRGX;;;AU)' },
    };
    const r = live(def, 'AGI_Meta');
    const { tasks, plansClean, result } = imported([r]);
    expect(tasks[0]).toMatchObject({ author: 'CONTOSO\\ops', source: 'Setup', version: '1.2.3', securityDescriptor: 'D:(A;;FA;;;BA)(A;;GRGX;;;AU)' });
    expect(tasks[0]).not.toHaveProperty('date');
    expect(plansClean(r)).toBe(true);
    expect(result.summary).toContainEqual(expect.stringMatching(/^RegistrationInfo Date and URI are written by Windows; not declared: 1 task \(\\AGI_Meta\)$/));
  });

  it('writes value queries as a record, or as a list when names repeat', () => {
    expect(imported([live({ ...bareMinimum, triggers: [everyTriggerType.triggers[8]!] })]).tasks[0]!.triggers).toMatchObject([{ valueQueries: [{ name: 'eventId', value: 'Event/System/EventID' }] }]);
    const r = live(awkwardText);
    expect(imported([r]).plansClean(r)).toBe(true);
  });
});

describe('kept whole as XML, so it still plans back to no changes', () => {
  it('a value the declaration language refuses (an exported template with an empty command)', () => {
    const r = live({ ...bareMinimum, actions: [{ kind: 'Exec', command: '' }] }, 'AGI_Empty');
    const { tasks, result, plansClean } = imported([r]);
    expect(tasks[0]).toEqual({ $comment: result.notes, name: 'AGI_Empty', xml: r.xml });
    expect(plansClean(r)).toBe(true);
    expect(result.notes).toEqual([expect.stringMatching(/^\\AGI_Empty: kept whole as XML: Task Scheduler would refuse actions\[0\]\.command: the command is empty; apply would fail on it/)]);
  });

  it('an element taskctl does not model (it would be lost field by field)', () => {
    const xml = renderTaskXml(bareMinimum).replace('<Settings>', '<Settings>\r\n    <FutureSetting>on</FutureSetting>');
    const r = record('\\', 'AGI_Future', xml);
    const { tasks, result, plansClean } = imported([r]);
    expect(tasks[0]).toEqual({ $comment: result.notes, name: 'AGI_Future', xml });
    expect(plansClean(r)).toBe(true);
    expect(result.notes).toEqual(['\\AGI_Future: kept whole as XML: Settings/FutureSetting: unknown element; ignored, which a field-by-field declaration would lose']);
  });

  it('a time trigger without a start boundary (taskctl never guesses one)', () => {
    const r = live({ ...bareMinimum, triggers: [{ kind: 'TimeTrigger' }] }, 'AGI_NoStart');
    const { tasks, plansClean } = imported([r]);
    expect(tasks[0]).toHaveProperty('xml');
    expect(plansClean(r)).toBe(true);
  });
});

describe('notes', () => {
  it('notes every raw escape hatch, naming the task and the element, and keeps the task field by field', () => {
    const { tasks, result } = imported([live(everyTriggerType, 'AGI_Every', '\\Ops\\')]);
    expect(tasks[0]!.triggers).toContainEqual({ type: 'raw', xml: expect.stringMatching(/^<WnfStateChangeTrigger>\s*<StateName>7508BCA323098541<\/StateName>/) });
    expect(result.notes).toEqual([
      '\\Ops\\AGI_Every triggers[11]: <WnfStateChangeTrigger> has no typed form in taskctl; it is carried verbatim as a raw trigger',
      '\\Ops\\AGI_Every actions[2]: <ShowMessage> has no typed form in taskctl; it is carried verbatim as a raw action',
    ]);
  });

  it('keeps a Password logon type so apply asks for one, and never writes a password', () => {
    const { tasks, result } = imported([live({ ...bareMinimum, principal: { userId: 'CONTOSO\\svc', logonType: 'Password' } }, 'AGI_Pw')]);
    expect(tasks[0]!.principal).toEqual({ userId: 'CONTOSO\\svc', logonType: 'Password' });
    expect(JSON.stringify(tasks[0])).not.toMatch(/password"\s*:/i);
    expect(result.notes).toEqual([expect.stringContaining('\\AGI_Pw: runs as CONTOSO\\svc with logon type Password; apply will ask for the password')]);
  });

  it('summarizes what it drops or respells once per kind, with a count, not once per task', () => {
    const { result } = imported(Array.from({ length: 5 }, (_, i) => live(defaultsWrittenOut, `AGI_D${i}`)));
    expect(result.summary.filter((line) => line.startsWith('values equal to the schema default'))).toEqual([
      'values equal to the schema default are left out (the default applies): 5 tasks (\\AGI_D0, \\AGI_D1, \\AGI_D2, …)',
    ]);
  });

  it('names a task that is not well-formed XML once, writes the others, and counts it as an error', () => {
    const { result } = imported([live(bareMinimum, 'AGI_Good'), record('\\', 'AGI_Broken', '<Task><Unclosed></Task>')]);
    expect(result.count).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/^\\AGI_Broken: not well-formed XML: .*; it is not in the file$/)]);
    expect(result.errors[0]!.match(/AGI_Broken/g)).toHaveLength(1);
    expect(JSON.parse(result.text).$comment).toContainEqual(result.errors[0]);
  });

  it('writes an empty but valid config when nothing lives under the prefix', () => {
    const result = importTasks([], { prefix: 'AGI', format: 'json' });
    expect(result).toMatchObject({ count: 0, errors: [], notes: [], summary: [] });
    expect(compiledByPath(JSON.parse(result.text)).size).toBe(0);
  });
});
