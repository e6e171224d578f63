/**
 * `taskctl doctor --computer …`: the same capture on every computer — one capture-machine.ps1
 * process for all of them (CPU sampled on all in the same seconds) and one read-tasks.ps1 for
 * their live tasks — then each computer's findings against the declarations that go to it.
 * A computer that can't be reached is reported and makes the exit code 1; the others are
 * checked. `--stop`, `--capture` and `--snapshot` act on one machine and are refused here.
 * Also what doctor on one machine shares with it: the script host and the self-overlap prediction.
 */
import type { Context } from '../core/context.js';
import type { CommonArgs } from './command.js';
import type { ComputerDiagnosis } from '../output/doctor-report.js';
import { UsageError, describeError } from '../core/errors.js';
import { colorEnabled } from '../output/format.js';
import { loadDeclarations } from './load-declarations.js';
import { openComputers } from './computers.js';
import type { CompiledConfig } from '../declaration/compile-tasks.js';
import type { MachineSnapshot } from '../doctor/snapshot.js';

interface DoctorComputersArgs extends CommonArgs {
  json: boolean;
  snapshot?: string;
  capture?: string;
  stop: boolean;
}

export async function doctorOnComputers(
  args: DoctorComputersArgs, ctx: Context, computers: string[], capture: { sampleSeconds: number; historySeconds: number },
): Promise<number> {
  const single = args.stop ? '--stop' : args.capture !== undefined ? '--capture' : args.snapshot !== undefined ? '--snapshot' : args.credentialUser !== undefined ? '--credential-user' : undefined;
  if (single !== undefined) {
    throw new UsageError(`${single} can't be used with --computer: doctor across computers captures each one as the current user and reports; ` +
      `run \`taskctl doctor ${single === '--credential-user' ? '' : `${single} …`}\` on the machine itself for that.`);
  }
  const scheduler = await openComputers(args, ctx);
  const config = await loadDeclarations(args, ctx);
  const [{ captureMachines }, { readSnapshot }, { diagnose }, { findingsExitCode, }, { EVENT }, { tasksForComputer }, { describeComputerFailure }, report] = await Promise.all([
    import('../doctor/machine-scripts.js'),
    import('../doctor/snapshot.js'),
    import('../doctor/diagnose.js'),
    import('../doctor/findings.js'),
    import('../doctor/history.js'),
    import('../plan/apply-computers.js'),
    import('../schtasks/backends/hresult.js'),
    import('../output/doctor-report.js'),
  ]);
  ctx.logger.info(`Reading ${computers.length} computer(s): CPU load over ${capture.sampleSeconds} s, processes, Task Scheduler history…`);
  const captures = await captureMachines(await scriptHost(ctx), { prefix: config.prefix, ...capture, computers });
  const reads = await scheduler.readAll(config.prefix, computers.filter((_, i) => captures[i]?.ok));

  const results: ComputerDiagnosis[] = [];
  for (const captured of captures) {
    const { computer } = captured;
    if (!captured.ok) {
      results.push({ computer, error: describeComputerFailure(computer, captured.error) });
      continue;
    }
    const read = reads.find((r) => r.computer === computer);
    if (read !== undefined && !read.ok) ctx.logger.warn(`${read.error}\n  (its live tasks are left out of its findings)`);
    const raw = { ...captured.snapshot };
    if (read?.ok) raw.tasks = read.tasks.map((r) => ({ TaskPath: r.taskPath, TaskName: r.taskName, State: r.state, Xml: r.xml }));
    try {
      const snapshot = readSnapshot(raw, `captured from ${computer} by capture-machine.ps1`, config.prefix);
      const own = { ...config, tasks: tasksForComputer(config, computer) };
      const skipped = snapshot.history.some((event) => event.id === EVENT.launchIgnored);
      const predictedSelfOverlap = skipped ? await predictSelfOverlap(own, snapshot, ctx) : undefined;
      const diagnosis = diagnose({ snapshot, config: own, live: snapshot.tasks, thresholds: config.doctor, ...(predictedSelfOverlap ? { predictedSelfOverlap } : {}) });
      results.push({ computer, diagnosis, snapshot });
    } catch (error) {
      results.push({ computer, error: `${computer}: ${describeError(error)}` });
    }
  }
  for (const { error } of results) if (error !== undefined) ctx.logger.error(`could not check ${error}`);
  const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
  ctx.stdout.write(args.json ? report.formatDoctorComputersJson(results) : report.formatDoctorComputersText(results, config.prefix, { color }));
  if (results.some((r) => r.error !== undefined)) return 1;
  return Math.max(...results.map((r) => findingsExitCode(r.diagnosis?.findings ?? [])));
}

/**
 * What list-conflicts predicts, over the history's window, for the tasks the machine runs
 * (the live ones when the snapshot has them, the declarations otherwise): which can start
 * while their previous run is still going. The history's skipped runs are compared with it.
 */
export async function predictSelfOverlap(config: CompiledConfig, snapshot: MachineSnapshot, ctx: Context): Promise<Map<string, boolean>> {
  const [{ declaredSubjects, liveSubjects }, { findConflicts }, { taskPathKey }] = await Promise.all([
    import('../conflicts/subjects.js'),
    import('../conflicts/find-conflicts.js'),
    import('../schtasks/task-path.js'),
  ]);
  const subjects = snapshot.tasks ? liveSubjects(snapshot.tasks, config).subjects : declaredSubjects(config);
  const windowMs = (snapshot.historySeconds ?? 86_400) * 1000;
  const conflicts = findConflicts(subjects, { from: new Date(snapshot.capturedAtMs - windowMs), horizonMs: windowMs, timeZone: ctx.env.TZ || undefined });
  const predicted = new Map(subjects.map((s) => [taskPathKey(s.path), false]));
  for (const conflict of conflicts) if (conflict.kind === 'self-overlap') for (const task of conflict.tasks) predicted.set(taskPathKey(task), true);
  return predicted;
}

export async function scriptHost(ctx: Context) {
  const [{ locatePowerShell }, { resolveTemplatesDir }] = await Promise.all([
    import('../schtasks/backends/powershell-locate.js'),
    import('../schtasks/backends/select-backend.js'),
  ]);
  const simulator = ctx.env.TASKCTL_SCHEDULER_SIMULATOR;
  return {
    runner: ctx.runner,
    powershell: locatePowerShell({ env: ctx.env, platform: ctx.platform }),
    templatesDir: resolveTemplatesDir(),
    ...(simulator ? { env: { TASKCTL_SCHEDULER_SIMULATOR: simulator } } : {}),
  };
}

