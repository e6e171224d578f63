/** The reader: by name, tolerant of layout, loud about what it does not know. */
import { describe, expect, it } from 'vitest';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { NS, taskXml } from './task-xml.js';

const parse = (inner: string) => parseTaskXml(taskXml(inner), 'test.xml');

describe('parseTaskXml', () => {
  it('reads a task with no RegistrationInfo, Settings, Triggers or Principals as empty', () => {
    const { definition, warnings } = parse('');
    expect(definition).toEqual({ version: '1.2', registrationInfo: {}, triggers: [], settings: {}, actions: [{ kind: 'Exec', command: 'a.exe' }] });
    expect(warnings).toEqual([]);
  });

  it('reports every unknown element and attribute with its path, never silently dropping it', () => {
    const { warnings } = parse(`
      <RegistrationInfo><Descripton>typo</Descripton></RegistrationInfo>
      <Triggers><CalendarTrigger foo="1"><StartBoundary>2024-01-01T00:00:00</StartBoundary><EndBounadry>x</EndBounadry><ScheduleByDay /></CalendarTrigger></Triggers>
      <Settings><Frobnicate>true</Frobnicate></Settings>
      <Extra />`);
    expect(warnings).toEqual([
      'Task/RegistrationInfo/Descripton: unknown element; ignored',
      'Task/Triggers/CalendarTrigger[0]/EndBounadry: unknown element; ignored',
      'Task/Triggers/CalendarTrigger[0]: unknown attribute "foo"; ignored',
      'Task/Settings/Frobnicate: unknown element; ignored',
      'Task/Extra: unknown element; ignored',
    ]);
  });

  it('unknown triggers and actions are carried verbatim (namespace-free), in order', () => {
    const { definition, warnings } = parse(`
      <Triggers><BootTrigger /><FancyTrigger id="f"><Knob a="1&amp;2">x &lt; y</Knob></FancyTrigger></Triggers>
      <Actions><ShowMessage><Title>Hi</Title><Body>there</Body></ShowMessage><Exec><Command>b.exe</Command></Exec></Actions>`);
    expect(warnings).toEqual([]);
    expect(definition.triggers).toEqual([
      { kind: 'BootTrigger' },
      { kind: 'Raw', element: 'FancyTrigger', xml: '<FancyTrigger id="f"><Knob a="1&amp;2">x &lt; y</Knob></FancyTrigger>' },
    ]);
    expect(definition.actions).toEqual([
      { kind: 'Raw', element: 'ShowMessage', xml: '<ShowMessage><Title>Hi</Title><Body>there</Body></ShowMessage>' },
      { kind: 'Exec', command: 'b.exe' },
    ]);
  });

  it('a known trigger missing a required part is kept raw, with a warning', () => {
    const { definition, warnings } = parse('<Triggers><CalendarTrigger><StartBoundary>2024-01-01T00:00:00</StartBoundary></CalendarTrigger></Triggers>');
    expect(definition.triggers[0]).toMatchObject({ kind: 'Raw', element: 'CalendarTrigger' });
    expect(warnings).toEqual(['Task/Triggers/CalendarTrigger[0]: no ScheduleByDay/ScheduleByWeek/ScheduleByMonth/ScheduleByMonthDayOfWeek; the trigger is kept verbatim as a raw trigger']);
  });

  it('takes the first of several principals and says so', () => {
    const { definition, warnings } = parse(`
      <Principals><Principal id="A"><UserId>S-1-5-18</UserId></Principal><Principal id="B"><UserId>S-1-5-19</UserId></Principal></Principals>`);
    expect(definition.principal).toEqual({ id: 'A', userId: 'S-1-5-18' });
    expect(warnings).toEqual(['Task/Principals: has 2 Principal elements; Task Scheduler allows one, only the first is used']);
  });

  it('booleans true/false/1/0 in any case, numbers as numbers, durations and dates as written', () => {
    const { definition, warnings } = parse(`
      <Settings><Enabled>TRUE</Enabled><Hidden>1</Hidden><WakeToRun> 0 </WakeToRun><AllowHardTerminate>False</AllowHardTerminate>
        <Priority>4</Priority><ExecutionTimeLimit>PT12M0S</ExecutionTimeLimit><StartWhenAvailable>yes</StartWhenAvailable></Settings>
      <Triggers><TimeTrigger><StartBoundary>2024-01-01T08:00:00.0000000Z</StartBoundary></TimeTrigger></Triggers>`);
    expect(definition.settings).toEqual({ enabled: true, hidden: true, wakeToRun: false, allowHardTerminate: false, priority: 4, executionTimeLimit: 'PT12M0S' });
    expect(definition.triggers[0]).toEqual({ kind: 'TimeTrigger', startBoundary: '2024-01-01T08:00:00.0000000Z' });
    expect(warnings).toEqual(['Task/Settings/StartWhenAvailable: "yes" is not true or false; ignored']);
  });

  it('comments, CDATA and layout whitespace do not matter; text whitespace is kept exactly', () => {
    const { definition, warnings } = parse(`
      <!-- before --><RegistrationInfo>
        <Description>  two\n  lines  </Description><!-- after -->
      </RegistrationInfo>
      <Principals><Principal id="A"><UserId>S-1-5-18</UserId> <!-- SYSTEM --> <LogonType>ServiceAccount</LogonType></Principal></Principals>
      <Actions Context="A"><ComHandler><ClassId>{58FB76B9-AC85-4E55-AC04-427593B1D060}</ClassId><Data><![CDATA[<x a="1"/> & ]]></Data></ComHandler></Actions>`);
    expect(warnings).toEqual([]);
    expect(definition.registrationInfo.description).toBe('  two\n  lines  ');
    expect(definition.principal).toEqual({ id: 'A', userId: 'S-1-5-18', logonType: 'ServiceAccount' });
    expect(definition.actions).toEqual([{ kind: 'ComHandler', classId: '{58FB76B9-AC85-4E55-AC04-427593B1D060}', data: '<x a="1"/> & ' }]);
    expect(definition.actionsContext).toBe('A');
  });

  it('reads every calendar schedule, keeping document order of lists', () => {
    const { definition, warnings } = parse(`<Triggers>
      <CalendarTrigger><StartBoundary>2024-01-01T00:00:00</StartBoundary><ScheduleByWeek><DaysOfWeek><Friday /><Monday /></DaysOfWeek><WeeksInterval>2</WeeksInterval></ScheduleByWeek></CalendarTrigger>
      <CalendarTrigger><StartBoundary>2024-01-01T00:00:00</StartBoundary><ScheduleByMonth><Months><March /></Months><DaysOfMonth><Day>Last</Day><Day>1</Day></DaysOfMonth></ScheduleByMonth></CalendarTrigger>
      <CalendarTrigger><StartBoundary>2024-01-01T00:00:00</StartBoundary><ScheduleByMonthDayOfWeek><Weeks><Week>2</Week><Week>Last</Week></Weeks><DaysOfWeek><Monday /></DaysOfWeek></ScheduleByMonthDayOfWeek></CalendarTrigger>
    </Triggers>`);
    expect(warnings).toEqual([]);
    expect(definition.triggers.map((t) => t.kind === 'CalendarTrigger' && t.schedule)).toEqual([
      { kind: 'ByWeek', weeksInterval: 2, daysOfWeek: ['Friday', 'Monday'] },
      { kind: 'ByMonth', daysOfMonth: ['Last', 1], months: ['March'] },
      { kind: 'ByMonthDayOfWeek', weeks: ['2', 'Last'], daysOfWeek: ['Monday'] },
    ]);
  });

  it('reads EventTrigger value queries and SessionStateChange user ids', () => {
    const { definition } = parse(`<Triggers>
      <EventTrigger><Subscription>q</Subscription><NumberOfOccurrences>3</NumberOfOccurrences><ValueQueries><Value name="id">Event/System/EventID</Value></ValueQueries></EventTrigger>
      <SessionStateChangeTrigger><StateChange>SessionLock</StateChange><UserId>CONTOSO\\me</UserId></SessionStateChangeTrigger>
    </Triggers>`);
    expect(definition.triggers).toEqual([
      { kind: 'EventTrigger', subscription: 'q', numberOfOccurrences: 3, valueQueries: [{ name: 'id', value: 'Event/System/EventID' }] },
      { kind: 'SessionStateChangeTrigger', stateChange: 'SessionLock', userId: 'CONTOSO\\me' },
    ]);
  });

  it('an unexpected enum value is reported and left out, never typed as a valid value', () => {
    const { definition, warnings } = parse('<Settings><MultipleInstancesPolicy>Sometimes</MultipleInstancesPolicy></Settings>');
    expect(definition.settings.multipleInstancesPolicy).toBeUndefined();
    expect(warnings[0]).toMatch(/MultipleInstancesPolicy: "Sometimes" is not one of Parallel, Queue, IgnoreNew, StopExisting/);
  });

  it('malformed XML gives the position of the problem', () => {
    expect(() => parseTaskXml(`<Task xmlns="${NS}">\n<Actions>\n<Exec></Actions></Task>`, 'bad.xml')).toThrow(/^bad\.xml: not well-formed XML: .*\(line 3, column \d+\)$/);
  });
});
