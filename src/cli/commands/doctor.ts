/**
 * `taskctl doctor`: what runs and what ran on the machine, against the declarations — the
 * loops started outside Task Scheduler that caused the incident, duplicates, runs over their
 * limit, what Task Scheduler's history says, and the report's CPU / memory / Python figures.
 * On Windows (or the simulator) it captures the machine in one PowerShell process; anywhere,
 * it analyses a saved snapshot. `--stop` ends the loop, stray and duplicate processes.
 */
import { defineCommand, fromCwd, withComputerOptions, withDeclarationOptions, withTargetOptions } from '../command.js';
import { findTarget } from '../target.js';
import type { Context } from '../../core/context.js';
import { resolveComputers } from '../computers.js';
import { predictSelfOverlap, scriptHost } from '../doctor-machines.js';
import { loadDeclarations } from '../load-declarations.js';
import { colorEnabled } from '../../output/format.js';
import { RefusedError, TaskctlError, UsageError } from '../../core/errors.js';
import { durationToMs, parseDurationInput } from '../../schtasks/duration.js';
import type { Finding } from '../../doctor/findings.js';
import type { StopResult } from '../../doctor/stop-plan.js';


const DEFAULT_SAMPLE = 'PT30S';
const DEFAULT_HISTORY = 'P1D';
/** Longer samples are a mistake (a typo'd unit), not a measurement. */
const MAX_SAMPLE_SECONDS = 3600;

const EPILOGUE = `What doctor reports (each finding with its fix):
  loop-process       a job's script running in a never-ending mode (-Continuous, --watch, while ($true) …)
  stray-process      a job's script running in a process Task Scheduler did not start (by hand, by another loop)
  duplicate-process  one script running more than once at the same time
  overrun            a task's run older than the task's time limit
  skipped-runs, timeouts, failed-runs   per task, from Task Scheduler's history (events 322, 329, 101/103/201/202/203/111)
  cpu, memory, python-processes         the diagnosis report's targets: CPU < 15 %, memory < 35 %, fewer than 20 Python
                                        processes (a venv launcher and its interpreter count as one); set your own in the
                                        config: "doctor": { "cpuPercent": 20, "memoryPercent": 50, "pythonProcesses": 10 }

Only processes whose command line runs a declared job's or a live task's script or command (tasks under the prefix)
are ever reported as loops, strays or duplicates, and only those are ever ended by --stop.

Exit codes: 0 healthy, 2 a finding of severity error, 1 the capture or the snapshot is unusable (or --stop failed).`;

export const doctorCommand = defineCommand({
  builder: (y) =>
    withComputerOptions(withTargetOptions(withDeclarationOptions(y)))
      .option('json', { type: 'boolean', default: false, describe: 'Print the findings as JSON on stdout' })
      .option('snapshot', { type: 'string', describe: 'Analyse a saved snapshot (what --capture wrote) instead of this machine; works on any system' })
      .option('capture', { type: 'string', describe: 'Also write the snapshot of this machine to FILE (for support, or to compare later)' })
      .conflicts('snapshot', 'capture')
      .option('sample', { type: 'string', describe: 'How long CPU load is sampled, one reading a second (e.g. 30s, PT1M; 0s skips it)', defaultDescription: '30s' })
      .option('history', { type: 'string', describe: "How far back Task Scheduler's history is read (e.g. P1D, 12h)", defaultDescription: 'P1D' })
      .option('stop', { type: 'boolean', default: false, describe: 'End the loop, stray and duplicate processes (and their child processes that run a job), after asking' })
      .option('yes', { type: 'boolean', default: false, alias: 'y', describe: 'With --stop: do not ask (required when stdin is not a terminal)' })
      .example('taskctl doctor --snapshot machine.json', 'a snapshot --capture wrote, analysed on any system')
      .example('taskctl doctor', 'on Windows: sample CPU for 30 s, read processes and a day of history, report')
      .example('taskctl doctor --capture machine.json --sample 10s', 'keep the snapshot, to send or to analyse elsewhere with --snapshot')
      .example('taskctl doctor --stop', 'show the loops, strays and duplicates, ask, end them and say how each pid fared')
      .example('taskctl doctor --json --history P7D', 'a week of history, machine-readable')
      .example('taskctl doctor --computer gpu-1,gpu-2 --sample 10s', 'each computer checked, all sampled in the same 10 s')
      .epilogue(EPILOGUE),
  async run(args, ctx) {
    if (args.snapshot !== undefined && args.stop) {
      throw new UsageError('--stop ends processes on this machine, so it needs a fresh capture, not a saved snapshot: run `taskctl doctor --stop` without --snapshot on the machine itself.');
    }
    if (args.snapshot !== undefined && (args.sample !== undefined || args.history !== undefined)) {
      throw new UsageError('--sample and --history apply to a capture; a saved snapshot (--snapshot) already holds its CPU samples and history.');
    }
    const sampleSeconds = durationSeconds('--sample', args.sample ?? DEFAULT_SAMPLE, true);
    if (sampleSeconds > MAX_SAMPLE_SECONDS) throw new UsageError(`--sample: '${args.sample}' is over an hour; sample for seconds or minutes (e.g. 30s, 2m).`);
    const historySeconds = durationSeconds('--history', args.history ?? DEFAULT_HISTORY, false);
    const computers = await resolveComputers(args, ctx);
    if (computers !== undefined) return (await import('../doctor-machines.js')).doctorOnComputers(args, ctx, computers, { sampleSeconds, historySeconds });
    const capturing = args.snapshot === undefined;
    if (capturing && ctx.platform !== 'win32' && !ctx.env.TASKCTL_SCHEDULER_SIMULATOR) throw new TaskctlError(noMachineMessage(ctx.platform));

    const config = await loadDeclarations(args, ctx);
    const [{ readSnapshot, readSnapshotFile }, { diagnose }, { planStop }, { findingsExitCode }, { EVENT }, report] = await Promise.all([
      import('../../doctor/snapshot.js'),
      import('../../doctor/diagnose.js'),
      import('../../doctor/stop-plan.js'),
      import('../../doctor/findings.js'),
      import('../../doctor/history.js'),
      import('../../output/doctor-report.js'),
    ]);

    let snapshot;
    if (args.snapshot !== undefined) {
      snapshot = await readSnapshotFile(ctx.fs, fromCwd(ctx, args.snapshot), config.prefix);
      if (snapshot.tasks === undefined && (args.live !== undefined || args.store !== undefined)) {
        snapshot.tasks = await (await findTarget(args, ctx))?.readTasks(config.prefix);
      }
    } else {
      const target = await findTarget(args, ctx);
      ctx.logger.info(`Reading the machine: CPU load over ${sampleSeconds} s, processes, ${args.history ?? DEFAULT_HISTORY} of Task Scheduler history…`);
      const raw = await (await import('../../doctor/machine-scripts.js')).captureMachine(await scriptHost(ctx), {
        prefix: config.prefix,
        sampleSeconds,
        historySeconds,
      });
      // Live tasks come from the one reader every command uses (--live/--store, or Windows).
      const records = target ? await target.readTasks(config.prefix) : undefined;
      if (records) raw.tasks = records.map((r) => ({ TaskPath: r.taskPath, TaskName: r.taskName, State: r.state, Xml: r.xml }));
      snapshot = readSnapshot(raw, 'captured by capture-machine.ps1', config.prefix);
      if (args.capture !== undefined) {
        const file = fromCwd(ctx, args.capture);
        await ctx.fs.writeFile(file, `${JSON.stringify(raw, null, 2)}\n`);
        ctx.logger.info(`Snapshot written to ${file}.`);
      }
    }

    // The prediction is only worth its cost (the conflict engine) when the history has skipped runs to compare it with.
    const skipped = snapshot.history.some((event) => event.id === EVENT.launchIgnored);
    const predictedSelfOverlap = skipped ? await predictSelfOverlap(config, snapshot, ctx) : undefined;
    const diagnosis = diagnose({ snapshot, config, live: snapshot.tasks, thresholds: config.doctor, ...(predictedSelfOverlap ? { predictedSelfOverlap } : {}) });
    for (const { task, reason } of diagnosis.unreadableTasks) ctx.logger.warn(`${task}: its XML could not be read, so its processes are not recognised: ${reason}`);
    const plan = planStop(diagnosis);
    const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
    const exitCode = findingsExitCode(diagnosis.findings);

    if (!args.stop) {
      ctx.stdout.write(args.json ? report.formatDoctorJson(diagnosis, snapshot, plan) : report.formatDoctorText(diagnosis, snapshot, config.prefix, { color }));
      if (!args.json && plan.targets.length > 0) {
        ctx.stderr.write(`${plan.targets.length} process(es) of the loop, stray and duplicate findings can be ended with \`taskctl doctor --stop\`${args.snapshot !== undefined ? ' on the machine itself' : ''} (it shows them and asks first).\n`);
      }
      return exitCode;
    }

    // The findings and the processes to end are what a person reads before saying yes; with --json they go to stderr.
    const shown = report.formatDoctorText(diagnosis, snapshot, config.prefix, { color }) + '\n' + report.formatStopPlanText(plan, snapshot, { color });
    if (args.json) ctx.stderr.write(shown);
    else ctx.stdout.write(shown);
    if (plan.targets.length === 0) {
      if (args.json) ctx.stdout.write(report.formatDoctorJson(diagnosis, snapshot, plan, []));
      return exitCode;
    }
    await confirm(args.yes, plan.targets.length, snapshot.computer, ctx);
    const { stopProcesses } = await import('../../doctor/machine-scripts.js');
    const results = await stopProcesses(await scriptHost(ctx), plan.targets);
    if (args.json) ctx.stdout.write(report.formatDoctorJson(diagnosis, snapshot, plan, results));
    else ctx.stdout.write(`\n${report.formatStopResultsText(results, { color })}`);
    return exitAfterStop(diagnosis.findings, results);
  },
});

/** A duration option in whole seconds; `allowZero` for --sample (0 skips the CPU sample). */
function durationSeconds(option: string, text: string, allowZero: boolean): number {
  const parsed = parseDurationInput(text);
  if (!parsed.ok) throw new UsageError(`${option}: ${parsed.message}`);
  const ms = durationToMs(parsed.iso) ?? 0;
  if (ms < 0 || (!allowZero && ms === 0)) throw new UsageError(`${option}: '${text}' must be a ${allowZero ? '' : 'positive '}duration (e.g. 30s, P1D).`);
  return Math.round(ms / 1000);
}

function noMachineMessage(platform: NodeJS.Platform): string {
  return (
    `taskctl doctor captures a Windows machine, and this system is ${platform}. ` +
    'Analyse a snapshot instead: run `taskctl doctor --capture machine.json` on the Windows machine, then ' +
    '`taskctl doctor --snapshot machine.json` here (examples/troubled-machine.snapshot.json is one to try). ' +
    'TASKCTL_SCHEDULER_SIMULATOR=DIR runs the Windows path against a simulated machine (DIR/localhost/.machine.json).'
  );
}

async function confirm(yes: boolean, count: number, computer: string | undefined, ctx: Context): Promise<void> {
  if (yes) return;
  if (!ctx.stdinIsTTY) {
    throw new RefusedError('Not stopping: stdin is not a terminal, so nobody can confirm. Pass --yes to end them unattended.');
  }
  const ok = await ctx.prompt(`End ${count} process(es)${computer ? ` on ${computer}` : ''}? [y/N] `);
  if (!ok) throw new RefusedError('Not stopping: not confirmed. Nothing was ended.');
}

/**
 * 1 when a process could not be ended (access denied, a failure). Otherwise 2 while an
 * error-severity finding is left that --stop did not settle — an overrun whose process still
 * runs — and 0 when none is: the loop and stray processes are gone, and a duplicate finding
 * keeps one run on purpose.
 */
function exitAfterStop(findings: readonly Finding[], results: readonly StopResult[]): number {
  if (results.some((r) => r.status === 'access-denied' || r.status === 'failed')) return 1;
  const ended = new Set(results.map((r) => r.pid));
  const settled = (f: Finding) =>
    f.kind === 'loop-process' || f.kind === 'stray-process' || f.kind === 'duplicate-process' ||
    (f.processes !== undefined && f.processes.length > 0 && f.processes.every((pid) => ended.has(pid)));
  return findings.some((f) => f.severity === 'error' && !settled(f)) ? 2 : 0;
}
