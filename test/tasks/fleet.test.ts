import { describe, expect, it } from 'vitest';
import { durationToMs } from '../../src/schtasks/duration.js';
import { parseFleet } from './parsed-fleet.js';
import { splitWindowsArguments } from '../../src/schtasks/command-line.js';
import agiFleet from '../../src/tasks/index.js';
import { agiPaths, PIPELINE_GROUP } from '../../src/tasks/pipeline.js';

const fleet = parseFleet(agiFleet);
const ms = (iso: string) => durationToMs(iso) ?? Number.NaN;
const names = fleet.tasks.map((t) => t.name);
const byName = (name: string) => {
  const task = fleet.tasks.find((t) => t.name === name);
  if (!task) throw new Error(`${name} is not in the fleet`);
  return task;
};
const execs = (task: (typeof fleet.tasks)[number]) =>
  task.actions.map((a) => {
    if (a.type !== 'exec') throw new Error(`${task.name}: expected exec actions only`);
    return a;
  });

/** Flags that put a script into a never-ending mode (the report's `-Continuous`). */
const LOOP_FLAG = /^(?:-{1,2}|\/)(?:continuous|loop|forever|watch|daemon|service)$/i;

describe('the AGI fleet', () => {
  it('is a valid declarations file under the AGI prefix', () => {
    expect(fleet.prefix).toBe('AGI');
    for (const name of names) expect(name.startsWith('AGI_')).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares at least the jobs the report asks for', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'AGI_Performance_Monitor',
        'AGI_LLM_Monitor',
        'AGI_Health_Check',
        'AGI_Latency_Spike_Analysis',
        'AGI_Circuit_Breaker_Router',
        'AGI_Event_Collector',
      ]),
    );
  });

  it.each(names)('%s: one group, IgnoreNew, SYSTEM, a finite limit that fits its interval', (name) => {
    const task = byName(name);
    expect(task.group).toBe(PIPELINE_GROUP);
    expect(task.multipleInstances).toBe('IgnoreNew');
    expect(task.principal).toMatchObject({ userId: 'S-1-5-18', logonType: 'ServiceAccount' });
    expect(ms(task.timeLimit)).toBeGreaterThan(0);
    for (const trigger of task.triggers ?? []) {
      if ('repeat' in trigger && trigger.repeat) expect(ms(task.timeLimit)).toBeLessThan(ms(trigger.repeat.interval));
      if (trigger.type === 'daily') expect(ms(task.timeLimit)).toBeLessThan(ms('P1D'));
    }
    expect(task.settings?.startWhenAvailable).toBe(false);
    expect(task.description).toBeTruthy();
  });

  it.each(names)('%s: starts a script once, never in a continuous mode', (name) => {
    for (const action of execs(byName(name))) {
      const argv = splitWindowsArguments(action.arguments ?? '');
      expect(argv.filter((arg) => LOOP_FLAG.test(arg))).toEqual([]);
      expect(action.workingDirectory).toBe(agiPaths.root);
    }
  });

  it('runs the LLM monitor every 30 minutes without -Continuous', () => {
    const task = byName('AGI_LLM_Monitor');
    expect(task.triggers).toEqual([expect.objectContaining({ type: 'time', repeat: expect.objectContaining({ interval: 'PT30M' }) })]);
    const [action] = execs(task);
    expect(splitWindowsArguments(action?.arguments ?? '').at(-1)).toMatch(/auto_restart_local_llm\.ps1$/);
  });

  it('runs the health check every 15 minutes', () => {
    expect(byName('AGI_Health_Check').triggers).toEqual([
      expect.objectContaining({ type: 'time', repeat: expect.objectContaining({ interval: 'PT15M' }) }),
    ]);
  });

  it('keeps the latency analysis and the circuit breaker on demand only', () => {
    expect(byName('AGI_Latency_Spike_Analysis').triggers).toEqual([]);
    expect(byName('AGI_Circuit_Breaker_Router').triggers).toEqual([]);
  });

  it('starts PowerShell by full path, without profile or prompts, with -File last before the script', () => {
    for (const task of fleet.tasks) {
      for (const action of execs(task)) {
        if (!/powershell/i.test(action.command)) continue;
        expect(action.command).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
        const argv = splitWindowsArguments(action.arguments ?? '');
        expect(argv.slice(0, 6)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', expect.stringMatching(/\.ps1$/)]);
      }
    }
  });

  it('starts Python with the one configured interpreter', () => {
    const pythonCommands = fleet.tasks.flatMap((t) => execs(t)).filter((a) => /\.py(?:"|$)/.test(a.arguments ?? '')).map((a) => a.command);
    expect(pythonCommands.length).toBeGreaterThan(0);
    expect(new Set(pythonCommands)).toEqual(new Set([agiPaths.python]));
  });
});
