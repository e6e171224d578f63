import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { findConflicts } from '../../src/conflicts/find-conflicts.js';
import { computePlan } from '../../src/plan/plan.js';
import { parseLiveRecords } from '../../src/schtasks/backends/live-records.js';
import { normalizeTask } from '../../src/schtasks/normalize-task.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { compileConfig } from '../../src/declaration/index.js';
import agiFleet from '../../src/tasks/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = resolve(repoRoot, 'examples', 'troubled-machine.json');
const text = readFileSync(file, 'utf8');
interface SnapshotEntry {
  TaskPath: string;
  TaskName: string;
  State: string | number;
  Xml: string;
}
const snapshot = JSON.parse(text) as SnapshotEntry[];
const byName = (name: string) => {
  const entry = snapshot.find((e) => e.TaskName === name);
  if (!entry) throw new Error(`${name} is not in the snapshot`);
  return entry;
};
/** The parts of an exported task this test reads, as fast-xml-parser gives them. */
interface ExportedTask {
  RegistrationInfo: { URI?: string; Date?: string; Author?: string };
  Principals: { Principal: Record<string, string> };
  Actions: Record<string, unknown>;
}
const xmlOf = (name: string) => new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(byName(name).Xml) as { Task: ExportedTask };

describe('examples/troubled-machine.json, as PowerShell 5.1 prints it', () => {
  it('is an array of { TaskPath, TaskName, State, Xml } with 4-space indentation and CRLF', () => {
    expect(Array.isArray(snapshot)).toBe(true);
    for (const entry of snapshot) expect(Object.keys(entry)).toEqual(['TaskPath', 'TaskName', 'State', 'Xml']);
    expect(text.startsWith('[\r\n    {\r\n        "TaskPath":  "\\\\",')).toBe(true);
    // JavaScriptSerializer (Windows PowerShell 5.1) escapes < and > inside strings.
    expect(text).toContain('\\u003c?xml version=\\"1.0\\" encoding=\\"UTF-16\\"?\\u003e');
    expect(text).not.toMatch(/<Task/);
  });

  it('has State both as the enum number and as a string', () => {
    expect(snapshot.some((e) => typeof e.State === 'number')).toBe(true);
    expect(snapshot.some((e) => typeof e.State === 'string')).toBe(true);
    for (const e of snapshot) expect([3, 4, 'Ready', 'Running']).toContain(e.State);
  });

  it.each(snapshot.map((e) => [e.TaskName, e] as const))('%s: a well-formed, exported task XML document', (name, entry) => {
    expect(XMLValidator.validate(entry.Xml)).toBe(true);
    expect(entry.Xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.')).toBe(true);
    expect(entry.Xml).toContain('xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"');
    const task = xmlOf(name).Task;
    expect(task.RegistrationInfo.URI).toBe(`${entry.TaskPath}${name}`);
    expect(task.Principals.Principal['@_id']).toBe('Author');
    expect(task.Actions['@_Context']).toBe('Author');
    // taskctl's own parser reads it too.
    expect(parseTaskXml(entry.Xml, name).definition.actions.length).toBeGreaterThan(0);
  });

  it('writes RegistrationInfo Date and Author for the tasks people registered', () => {
    for (const e of snapshot.filter((s) => s.TaskName.startsWith('AGI'))) {
      const info = xmlOf(e.TaskName).Task.RegistrationInfo;
      expect(info.Date).toMatch(/^2025-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
      expect(info.Author).toBe('DESKTOP-7Q2M4KD\\minjun');
    }
  });

  it('describes the machine of the report', () => {
    const llm = byName('AGI_LLM_AutoRestart').Xml;
    expect(llm).toContain('auto_restart_local_llm.ps1" -Continuous');
    expect(llm).toMatch(/<LogonTrigger>/);
    expect(llm).toContain('<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>');
    const breaker = byName('AGI_Circuit_Breaker').Xml;
    expect(breaker).toMatch(/<BootTrigger>/);
    expect(breaker).toContain('circuit_breaker_router.py');
    expect(breaker).toContain('<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>');
    const health = byName('AGI_Health_Check').Xml;
    expect(health).toContain('<Interval>PT5M</Interval>');
    expect(health).toContain('<MultipleInstancesPolicy>Parallel</MultipleInstancesPolicy>');
    expect(byName('AGI_Performance_Monitor').Xml).toContain('<Interval>PT30M</Interval>');
    expect(byName('AGI_Event_Collector').Xml).toContain('collect_events.py --continuous');
    expect(byName('AGI_Latency_Spike_Analysis').Xml).toContain('<Interval>PT10M</Interval>');
    const exec = (name: string) => xmlOf(name).Task.Actions.Exec;
    expect(exec('AGI_Health_Check_Old')).toEqual(exec('AGI_Health_Check'));
    expect(snapshot.filter((e) => !e.TaskName.toUpperCase().startsWith('AGI')).map((e) => e.TaskName)).toEqual(['GoogleUpdateTaskMachineCore']);
  });
});

describe('the troubled machine against the fleet', () => {
  const compiled = compileConfig(agiFleet);
  const live = parseLiveRecords(snapshot, 'AGI', file);

  it('reads only the tasks under the prefix', () => {
    expect(live.map((r) => r.taskName)).not.toContain('GoogleUpdateTaskMachineCore');
    expect(live).toHaveLength(snapshot.length - 1);
  });

  it('shows every problem of the report as a live conflict', () => {
    const declared = new Set(compiled.tasks.map((t) => t.path.toLowerCase()));
    const subjects = live.map((r) => {
      const path = `${r.taskPath}${r.taskName}`;
      return { path, source: 'live' as const, definition: normalizeTask(parseTaskXml(r.xml, path).definition), hasDeclaration: declared.has(path.toLowerCase()) };
    });
    const conflicts = findConflicts(subjects, { from: new Date('2025-11-03T00:00:00Z'), horizonMs: 7 * 86_400_000, timeZone: 'Asia/Seoul' });
    const found = (kind: string) => conflicts.filter((c) => c.kind === kind).map((c) => c.tasks.join(' + ')).sort();
    expect(found('continuous-loop')).toEqual(['\\AGI_Event_Collector', '\\AGI_LLM_AutoRestart']);
    expect(found('unbounded')).toEqual(['\\AGI_Circuit_Breaker', '\\AGI_Event_Collector', '\\AGI_LLM_AutoRestart']);
    expect(found('duplicate')).toEqual(['\\AGI_Health_Check + \\AGI_Health_Check_Old']);
    expect(found('self-overlap')).toContain('\\AGI_Health_Check');
    expect(found('unmanaged')).toEqual(['\\AGI_Circuit_Breaker', '\\AGI_Health_Check_Old', '\\AGI_LLM_AutoRestart']);
    expect(conflicts.some((c) => c.severity === 'error')).toBe(true);
    expect(conflicts.flatMap((c) => c.tasks).join(' ')).not.toContain('Google');
  });

  it('plans creates, updates and deletes', () => {
    const plan = computePlan({ declared: compiled.tasks, live, prefix: 'AGI', prune: true });
    const tasks = (action: string) => plan.changes.filter((c) => c.action === action).map((c) => c.task);
    expect(tasks('create')).toEqual(['\\AGI_Circuit_Breaker_Router', '\\AGI_Daily_Diagnosis', '\\AGI_LLM_Monitor']);
    expect(tasks('update')).toEqual(['\\AGI_Event_Collector', '\\AGI_Health_Check', '\\AGI_Latency_Spike_Analysis', '\\AGI_Performance_Monitor']);
    expect(tasks('delete')).toEqual(['\\AGI_Circuit_Breaker', '\\AGI_Health_Check_Old', '\\AGI_LLM_AutoRestart']);
    const health = plan.changes.find((c) => c.task === '\\AGI_Health_Check');
    expect(health?.action === 'update' && health.fields.map((f) => [f.path, f.before, f.after])).toEqual(
      expect.arrayContaining([
        ['triggers[0].repeat.interval', 'PT5M', 'PT15M'],
        ['settings.multipleInstancesPolicy', 'Parallel', 'IgnoreNew'],
      ]),
    );
    expect(plan.errors).toEqual([]);
  });
});
