/**
 * `--computer NAME[,NAME…]` / `--computer @FILE` and `--credential-user`: which computers a
 * command runs against, checked before anything is read, and the one scheduler that reaches
 * them all (schtasks/backends/computers-backend.ts). Without `--computer`, commands run on
 * this machine exactly as before.
 */
import type { Context } from '../core/context.js';
import type { ComputersScheduler } from '../schtasks/backends/computers-backend.js';
import { TaskctlError, describeError } from '../core/errors.js';
import { fromCwd } from './command.js';
import { credentialPassword } from './passwords.js';

interface ComputerArgs {
  computer?: string | string[];
  credentialUser?: string;
  live?: string;
  store?: string;
}

/**
 * The computers named, trimmed, first spelling kept, duplicates (compared case-insensitively)
 * dropped; undefined without `--computer`. Names are comma-separated; `@FILE` among them holds
 * one name per line, `#` starting a comment, blank lines skipped. Throws naming the option and the value on a bad name,
 * an unreadable file, no name at all, or `--store`/`--live` given too.
 */
export async function resolveComputers(args: ComputerArgs, ctx: Context): Promise<string[] | undefined> {
  if (args.computer === undefined) {
    if (args.credentialUser !== undefined) throw new TaskctlError('--credential-user: it is for --computer; name the computers to connect to.');
    return undefined;
  }
  const values = Array.isArray(args.computer) ? args.computer : [args.computer];
  if (args.store !== undefined || args.live !== undefined) {
    const other = args.store !== undefined ? `--store ${args.store}` : `--live ${args.live}`;
    throw new TaskctlError(`--computer can't be used with ${other}: --computer reads and changes the Task Scheduler of the computers named; a store or snapshot is one folder or file.`);
  }
  // Loaded here, not with the CLI: it brings the schema tables, which --help never needs.
  const { computerNameProblem } = await import('../declaration/plain-declaration.js');
  const names: string[] = [];
  for (const value of values) {
    for (const { name, where } of await namesIn(String(value), ctx)) {
      const problem = computerNameProblem(name);
      if (problem) throw new TaskctlError(`--computer ${where}: ${problem}.`);
      if (!names.some((known) => known.toLowerCase() === name.toLowerCase())) names.push(name);
    }
  }
  if (names.length === 0) throw new TaskctlError(`--computer ${values.join(' ')}: names no computer.`);
  return names;
}

/** The names in one `--computer` value: comma-separated names, any of them `@FILE`. */
async function namesIn(value: string, ctx: Context): Promise<{ name: string; where: string }[]> {
  const found: { name: string; where: string }[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (!item.startsWith('@')) {
      found.push({ name: item, where: `'${value}'` });
      continue;
    }
    const file = fromCwd(ctx, item.slice(1));
    let text: string;
    try {
      text = String(await ctx.fs.readFile(file, 'utf8'));
    } catch (error) {
      throw new TaskctlError(`--computer ${item}: can't read ${file}: ${describeError(error)}.`);
    }
    text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
      const name = line.replace(/#.*$/, '').trim();
      if (name !== '') found.push({ name, where: `${item} line ${i + 1} ('${name}')` });
    });
  }
  return found;
}

/**
 * The scheduler of the computers: the Windows Task Scheduler through PowerShell, or the
 * simulated one (TASKCTL_SCHEDULER_SIMULATOR). `--credential-user DOMAIN\user` takes its
 * password from the environment or a prompt; it travels to PowerShell on stdin only.
 */
export async function openComputers(args: ComputerArgs, ctx: Context): Promise<ComputersScheduler> {
  const [{ createComputersScheduler }, { resolveTemplatesDir, SIMULATOR_VARIABLE }, { locatePowerShell }] = await Promise.all([
    import('../schtasks/backends/computers-backend.js'),
    import('../schtasks/backends/select-backend.js'),
    import('../schtasks/backends/powershell-locate.js'),
  ]);
  const simulator = ctx.env[SIMULATOR_VARIABLE]?.trim();
  if (ctx.platform !== 'win32' && !simulator) {
    throw new TaskctlError(
      'Reaching another computer (--computer, or a backup taken with it) needs Windows: taskctl connects through Task Scheduler\'s remote connection. ' +
        `Run taskctl on a Windows machine, or try it against a simulated Task Scheduler with ${SIMULATOR_VARIABLE}=DIR.`,
    );
  }
  const credential = args.credentialUser === undefined ? undefined : await credentialOf(args.credentialUser, ctx);
  return createComputersScheduler({
    runner: ctx.runner,
    powershell: locatePowerShell({ env: ctx.env, platform: ctx.platform }),
    templatesDir: resolveTemplatesDir(),
    ...(simulator ? { simulator: fromCwd(ctx, simulator) } : {}),
    ...(credential ? { credential } : {}),
    onWarning: (message) => ctx.logger.warn(message),
  });
}

async function credentialOf(account: string, ctx: Context): Promise<{ user: string; domain?: string; password: string }> {
  const match = /^(?:([^\\]+)\\)?([^\\]+)$/.exec(account.trim());
  if (!match) throw new TaskctlError(`--credential-user '${account}': write the account as DOMAIN\\user or user.`);
  const [, domain, user] = match;
  const password = await credentialPassword(account.trim(), ctx);
  return { user: user as string, ...(domain ? { domain } : {}), password };
}
