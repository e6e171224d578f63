/**
 * plan, apply and list-conflicts across several computers (`--computer`): one read of every
 * computer, a plan (or conflict report) per computer, output per computer, exit codes across
 * all. A computer that could not be read is reported and makes the exit code 1, after
 * everything that could be planned (or applied) was.
 */
import type { Context } from '../core/context.js';
import type { CompiledConfig } from '../declaration/compile-tasks.js';
import { type CommonArgs, fromCwd } from './command.js';
import { confirm, defaultBackupRoot, defaultLockDir, refuseOnConflicts } from './target.js';
import type { ComputerPlan } from '../plan/apply-computers.js';
import { colorEnabled, jsonDocument } from '../output/format.js';
import { loadDeclarations } from './load-declarations.js';
import { openComputers } from './computers.js';
import { collectPasswords } from './passwords.js';

interface PlanLikeArgs extends CommonArgs {
  json: boolean;
  prune: boolean;
}

/** Reads every computer once and plans each; logs every unreachable computer and unreadable task. */
async function planAll(args: PlanLikeArgs, ctx: Context, computers: string[]) {
  const scheduler = await openComputers(args, ctx);
  const config = await loadDeclarations(args, ctx);
  const { planComputers } = await import('../plan/apply-computers.js');
  ctx.logger.debug(`reading tasks under '${config.prefix}' from ${computers.length} computer(s)`);
  const reads = await scheduler.readAll(config.prefix, computers);
  const plans = planComputers({ config, reads, prefix: config.prefix, prune: args.prune, now: ctx.now(), ...(ctx.env.TZ ? { timeZone: ctx.env.TZ } : {}) });
  return { scheduler, config, plans };
}

function reportProblems(plans: readonly ComputerPlan[], ctx: Context): boolean {
  let any = false;
  for (const { computer, plan, error } of plans) {
    if (error !== undefined) ctx.logger.error(`could not read ${error}`);
    for (const problem of plan?.errors ?? []) ctx.logger.error(`${computer}: ${problem.task}: ${problem.reason}`);
    any ||= error !== undefined || (plan?.errors.length ?? 0) > 0;
  }
  return any;
}

const pendingOf = (plan: ComputerPlan['plan']) => plan?.changes.length ?? 0;

export async function planOnComputers(args: PlanLikeArgs & { detailedExitcode: boolean }, ctx: Context, computers: string[]): Promise<number> {
  const { plans } = await planAll(args, ctx, computers);
  const { formatComputerPlansJson, formatComputerPlansText } = await import('../output/plan-computers.js');
  const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
  ctx.stdout.write(args.json ? formatComputerPlansJson(plans) : formatComputerPlansText(plans, { color }));
  if (reportProblems(plans, ctx)) return 1;
  return args.detailedExitcode && plans.some(({ plan }) => pendingOf(plan) > 0) ? 2 : 0;
}

interface ApplyLikeArgs extends PlanLikeArgs {
  yes: boolean;
  backupDir?: string;
  allowConflicts: boolean;
}

export async function applyOnComputers(args: ApplyLikeArgs, ctx: Context, computers: string[]): Promise<number> {
  const { scheduler, config, plans } = await planAll(args, ctx, computers);
  const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
  const [{ formatComputerPlansText }, { applyComputers, tasksForComputer }] = await Promise.all([
    import('../output/plan-computers.js'),
    import('../plan/apply-computers.js'),
  ]);
  if (!args.allowConflicts) {
    for (const { computer } of plans) await refuseOnConflicts(forComputer(config, tasksForComputer(config, computer)), ctx, color);
  }
  // The plans are what a person reads before saying yes; with --json they go to stderr.
  const text = formatComputerPlansText(plans, { color });
  if (args.json) ctx.stderr.write(text);
  else ctx.stdout.write(text);
  const unreadable = reportProblems(plans, ctx);
  for (const { computer, plan } of plans) {
    if (plan !== undefined && plan.errors.length > 0) ctx.logger.error(`${computer}: not applying: ${plan.errors.length} live task(s) could not be read, so changing it is not safe.`);
  }

  const toApply = plans.flatMap(({ computer, plan }) => (plan !== undefined && plan.errors.length === 0 && pendingOf(plan) > 0 ? [{ computer, plan }] : []));
  const write = (results: object[], ok: boolean) => {
    if (!args.json) return;
    const list = plans.map(({ computer, error }) => {
      const applied = results.find((r) => (r as { computer: string }).computer === computer) as { ok: boolean; error?: string; backupDir?: string } | undefined;
      const why = error ?? applied?.error;
      return { name: computer, ok: why === undefined && applied?.ok !== false, ...(why !== undefined ? { error: why } : {}), backupDir: applied?.backupDir ?? null };
    });
    const changes = results.flatMap((r) => (r as { computer: string; results: object[] }).results.map((result) => ({ computer: (r as { computer: string }).computer, ...result })));
    ctx.stdout.write(jsonDocument({ computers: list, results: changes, ok }));
  };
  if (toApply.length === 0) {
    write([], !unreadable);
    return unreadable ? 1 : 0;
  }
  await confirm(args.yes, toApply.reduce((n, { plan }) => n + pendingOf(plan), 0), `${toApply.length} computer(s) (${toApply.map((p) => p.computer).join(', ')})`, ctx);

  const passwords = new Map<string, Record<string, string>>();
  const asked = new Map<string, string>();
  for (const { computer, plan } of toApply) passwords.set(computer, await collectPasswords(plan, config, ctx, asked));
  const results = await applyComputers({
    plans: toApply, scheduler, fs: ctx.fs, now: ctx.now(), passwords,
    backupRoot: args.backupDir === undefined ? defaultBackupRoot(ctx.env, ctx.platform) : fromCwd(ctx, args.backupDir),
    lockDir: defaultLockDir(ctx.env, ctx.platform),
    onProgress: (line) => ctx.logger.info(line),
  });
  const ok = !unreadable && results.every((r) => r.ok);
  write(results, ok);
  return ok ? 0 : 1;
}

function forComputer(config: CompiledConfig, tasks: CompiledConfig['tasks']): CompiledConfig {
  return { ...config, tasks };
}

interface ConflictsLikeArgs extends CommonArgs {
  json: boolean;
  declaredOnly: boolean;
}

/** list-conflicts per computer: each computer's declared tasks and, unless --declared-only, its live ones. */
export async function listConflictsOnComputers(
  args: ConflictsLikeArgs, ctx: Context, computers: string[], options: { from: Date; horizon?: string; timeZone: string; maxPerSeverity?: number },
): Promise<number> {
  const scheduler = args.declaredOnly ? undefined : await openComputers(args, ctx);
  const config = await loadDeclarations(args, ctx);
  const [{ declaredSubjects, liveSubjects }, { findConflictReport }, { writeConflictsText }, { writeComputerConflictsJson }, { tasksForComputer }, { defaultHorizon }, { durationToMs }] =
    await Promise.all([
      import('../conflicts/subjects.js'),
      import('../conflicts/find-conflicts.js'),
      import('../output/conflicts-text.js'),
      import('../output/conflicts-json.js'),
      import('../plan/apply-computers.js'),
      import('../conflicts/horizon.js'),
      import('../schtasks/duration.js'),
    ]);
  const reads = scheduler === undefined ? computers.map((computer) => ({ computer, ok: true as const, tasks: [] })) : await scheduler.readAll(config.prefix, computers);
  let failed = false;
  const results = reads.map((read) => {
    if (!read.ok) {
      failed = true;
      ctx.logger.error(`could not read ${read.error}`);
      return { computer: read.computer, error: read.error };
    }
    const own = forComputer(config, tasksForComputer(config, read.computer));
    const subjects = declaredSubjects(own);
    const live = liveSubjects(read.tasks, own);
    subjects.push(...live.subjects);
    for (const problem of live.unreadable) {
      failed = true;
      ctx.logger.error(`${read.computer}: ${problem.task}: ${problem.reason}`);
    }
    const horizonMs = durationToMs(options.horizon ?? defaultHorizon(subjects)) ?? 0;
    return { computer: read.computer, report: findConflictReport(subjects, { from: options.from, horizonMs, timeZone: options.timeZone }, { verbose: args.verbose }) };
  });

  const write = (text: string) => ctx.stdout.write(text);
  if (args.json) writeComputerConflictsJson(results, write);
  else {
    const color = colorEnabled({ noColor: !args.color, isTTY: ctx.stdout.isTTY, env: ctx.env });
    for (const { computer, report, error } of results) {
      write(`── ${computer} ──\n`);
      if (report === undefined) write(`Not analysed: ${error}\n\n`);
      else {
        writeConflictsText(report, { color, ...(options.maxPerSeverity !== undefined ? { maxPerSeverity: options.maxPerSeverity } : {}) }, write);
        write('\n');
      }
    }
    const count = results.reduce((n, r) => n + (r.report?.conflicts.length ?? 0), 0);
    write(`Total: ${results.length} computer(s)${failed ? ', some could not be read' : ''}: ${count} conflict(s).\n`);
  }
  if (failed) return 1;
  return results.some((r) => r.report?.conflicts.some((c) => c.severity === 'error')) ? 2 : 0;
}
