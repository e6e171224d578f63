/**
 * The promise `--stop` makes: it never ends a process whose command line does not name a
 * declared job's command or script (or a live task's under the prefix). Checked on random
 * machines — process trees with pid reuse, loops, strays, editors holding the scripts open,
 * look-alike scripts in other folders, unrelated programs — against a plain oracle that only
 * asks whether the command line mentions a job's script file name or its program and arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { diagnose } from '../../src/doctor/diagnose.js';
import { readSnapshot } from '../../src/doctor/snapshot.js';
import { planStop } from '../../src/doctor/stop-plan.js';
import { proc, snapshotDoc, ev, type RawEvent, type RawProcess } from './helpers.js';

const SCRIPTS = ['check_health.py', 'collect_events.py', 'monitor.ps1', 'run_batch.cmd', 'sync.js'] as const;
const FOLDERS = ['C:\\AGI\\scripts', 'D:\\AI Stack\\scripts'] as const;
const RUNNERS: Record<string, string[]> = {
  py: ['C:\\AGI\\.venv\\Scripts\\python.exe', 'python', '"C:\\Python313\\python3.13.exe"', 'pythonw.exe', 'py.exe -3'],
  ps1: ['powershell.exe -NoProfile -File', 'pwsh -File', 'powershell.exe -Command &'],
  cmd: ['cmd.exe /c'],
  js: ['node.exe'],
};
const OTHERS = ['notepad.exe', '"C:\\Program Files\\Microsoft VS Code\\Code.exe"', 'explorer.exe', 'C:\\Ollama\\ollama.exe serve', 'C:\\Ollama\\ollama.exe'];
const SWITCHES = ['', ' -Continuous', ' --watch', ' --once', ' -Loop -IntervalMinutes 10', ' --quick'];

interface Job { script?: string; folder: string; program?: string; args?: string }

const jobArb: fc.Arbitrary<Job> = fc.oneof(
  fc.record({ script: fc.constantFrom(...SCRIPTS), folder: fc.constantFrom(...FOLDERS) }),
  fc.record({ program: fc.constant('C:\\Ollama\\ollama.exe'), args: fc.constantFrom('pull llama3', 'run phi3 --keepalive 5m'), folder: fc.constant('') }),
);

/** One process line: a job's script (maybe relative, maybe elsewhere, maybe opened by an editor), a job's program, or something else. */
const commandArb = fc.oneof(
  fc.record({ script: fc.constantFrom(...SCRIPTS), folder: fc.constantFrom(...FOLDERS, '.\\scripts', 'E:\\elsewhere'), editor: fc.boolean(), runner: fc.nat(), switch: fc.constantFrom(...SWITCHES) }).map(({ script, folder, editor, runner, switch: flag }) => {
    const ext = script.slice(script.lastIndexOf('.') + 1);
    const runners = RUNNERS[ext]!;
    const program = editor ? 'notepad.exe' : runners[runner % runners.length]!;
    const path = folder.includes(' ') ? `"${folder}\\${script}"` : `${folder}\\${script}`;
    return program.endsWith('&') ? `${program} "& '${folder}\\${script}'${flag}"` : `${program} ${path}${flag}`;
  }),
  fc.constantFrom('C:\\Ollama\\ollama.exe pull llama3', 'C:\\Ollama\\ollama.exe  run phi3 --keepalive 5m', 'C:\\Ollama\\ollama.exe pull mistral'),
  fc.constantFrom(...OTHERS),
  fc.constant(null),
);

const machineArb = fc.record({
  jobs: fc.uniqueArray(jobArb, { minLength: 1, maxLength: 5, selector: (j) => `${j.script ?? j.program}|${j.folder}|${j.args}` }),
  processes: fc.array(fc.record({ command: commandArb, parent: fc.nat(40), minute: fc.integer({ min: 0, max: 1439 }), scheduled: fc.boolean() }), { maxLength: 40 }),
  events: fc.array(fc.record({ id: fc.constantFrom(129, 200, 322, 329), pid: fc.nat(40), job: fc.nat(4), minute: fc.integer({ min: 0, max: 1439 }) }), { maxLength: 30 }),
});

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The oracle: does the command line mention a job at all? */
function mentionsJob(commandLine: string, jobs: Job[]): boolean {
  const text = commandLine.toLowerCase().replace(/\s+/g, ' ');
  return jobs.some((job) =>
    job.script !== undefined ? text.includes(job.script.toLowerCase()) : text.includes('ollama.exe') && text.endsWith(job.args!.toLowerCase()),
  );
}

describe('--stop never ends a process that runs no job', () => {
  it('on random machines, every process --stop would end names a declared job; editors and strangers are never among them', () => {
    let machinesWithTargets = 0;
    fc.assert(
      fc.property(machineArb, ({ jobs, processes, events }) => {
        const config = compileConfig({
          prefix: 'AGI',
          tasks: jobs.map((job, i) => ({
            name: `AGI_Job_${i}`,
            actions: [job.script !== undefined ? { command: RUNNERS[job.script.split('.').pop()!]![0]!.split(' ')[0]!, arguments: `"${job.folder}\\${job.script}"` } : { command: job.program!, arguments: job.args! }],
            timeLimit: 'PT5M',
          })),
        });
        const raw: RawProcess[] = processes.map((p, i) => {
          const pid = 2000 + i * 4;
          const parent = p.scheduled ? 1820 : 2000 + p.parent * 4;
          return proc(pid, parent, p.command, clock(p.minute));
        });
        const history: RawEvent[] = events.map((e) => ev(e.id, `\\AGI_Job_${e.job % jobs.length}`, clock(e.minute), { pid: 2000 + e.pid * 4, instance: `{${e.pid}}` }));
        const snapshot = readSnapshot(snapshotDoc({ processes: raw, history }), 'random', 'AGI');
        const diagnosis = diagnose({ snapshot, config, live: undefined });
        const plan = planStop(diagnosis);
        const byPid = new Map(snapshot.processes.map((p) => [p.pid, p]));
        const targets = plan.targets.map((t) => t.process.pid);
        if (targets.length > 0) machinesWithTargets += 1;
        expect(new Set(targets).size).toBe(targets.length);
        for (const pid of targets) {
          const commandLine = byPid.get(pid)?.commandLine;
          expect(commandLine, `pid ${pid}`).toBeDefined();
          expect(mentionsJob(commandLine!, jobs), `pid ${pid} runs ${commandLine}`).toBe(true);
          expect(commandLine!.toLowerCase()).not.toMatch(/^notepad|code\.exe|explorer\.exe|ollama\.exe serve$/);
          expect(commandLine!.toLowerCase()).not.toContain('e:\\elsewhere');
        }
        // The base processes (the Schedule service, the console) are never candidates.
        expect(targets).not.toContain(1820);
        expect(targets).not.toContain(5120);
        // Everything a loop, stray or duplicate finding names as to be ended is in the plan.
        for (const candidate of diagnosis.candidates) expect(targets).toContain(candidate.process.pid);
      }),
      { numRuns: 300 },
    );
    // The property is not vacuous: many random machines have something to stop.
    expect(machinesWithTargets).toBeGreaterThan(50);
  });
});
