/**
 * Passwords for principals that need one at registration (logon type Password
 * or InteractiveTokenOrPassword). They come from the environment or a prompt,
 * never from a declaration, and are never logged, planned or backed up.
 */
import type { Context } from '../core/context.js';
import type { CompiledConfig } from '../declaration/compile-tasks.js';
import { RefusedError } from '../core/errors.js';
import { taskPathKey } from '../schtasks/task-path.js';

/**
 * `TASKCTL_PASSWORD_<USER>`: the user name upper-cased (Windows account names ignore case),
 * A–Z and 0–9 kept, every other character written as `_<hex code point>_`
 * (`CONTOSO\svc-agi` → `TASKCTL_PASSWORD_CONTOSO_5C_SVC_2D_AGI`, `PC\철수` →
 * `TASKCTL_PASSWORD_PC_5C__CCA0__C218_`). Every character is kept, so two accounts never
 * share a variable, and the name is one any shell can set.
 */
export function passwordVariableFor(userId: string): string {
  let name = '';
  for (const character of userId) {
    // Per character, so that no letter turns into two (ß would become SS and meet "ss").
    const upper = character.toUpperCase();
    const kept = upper.length === 1 ? upper : character;
    name += /^[A-Z0-9]$/.test(kept) ? kept : `_${kept.codePointAt(0)!.toString(16).toUpperCase()}_`;
  }
  return `TASKCTL_PASSWORD_${name}`;
}

/**
 * The password of `--credential-user`: the same variables as a task's principal
 * (`TASKCTL_PASSWORD_<USER>`, then `TASKCTL_PASSWORD`), then a prompt on a terminal.
 */
export async function credentialPassword(user: string, ctx: Context): Promise<string> {
  const fromEnv = ctx.env[passwordVariableFor(user)] ?? ctx.env.TASKCTL_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (!ctx.stdinIsTTY) {
    throw new RefusedError(`--credential-user ${user}: no password. Set ${passwordVariableFor(user)} (or TASKCTL_PASSWORD), or run on a terminal to be asked.`);
  }
  return ctx.promptSecret(`Password for ${user} (to connect to the computers): `);
}

/** Task path → password, for every create/update whose principal needs one. */
export async function collectPasswords(
  plan: { changes: { action: string; task: string }[] },
  config: CompiledConfig,
  ctx: Context,
  /** Passwords already asked for, by account: shared by the computers of one apply, so each is asked once. */
  asked = new Map<string, string>(),
): Promise<Record<string, string>> {
  const byPath = new Map(config.tasks.map((t) => [taskPathKey(t.path), t]));
  const passwords: Record<string, string> = {};
  for (const change of plan.changes) {
    if (change.action === 'delete') continue;
    const task = byPath.get(taskPathKey(change.task));
    if (!task?.needsPassword) continue;
    const user = task.definition.principal?.userId ?? '';
    const fromEnv = ctx.env[passwordVariableFor(user)] ?? ctx.env.TASKCTL_PASSWORD;
    let password = fromEnv ?? asked.get(user);
    if (password === undefined) {
      if (!ctx.stdinIsTTY) {
        throw new RefusedError(
          `${task.path} runs as ${user || 'a user'} with a stored password. Set ${passwordVariableFor(user)} (or TASKCTL_PASSWORD, for every account), or run on a terminal to be asked.`,
        );
      }
      password = await ctx.promptSecret(`Password for ${user} (task ${task.path}): `);
      asked.set(user, password);
    }
    passwords[task.path] = password;
  }
  return passwords;
}
