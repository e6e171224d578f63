/**
 * Passwords for principals that need one at registration (logon type Password
 * or InteractiveTokenOrPassword). They come from the environment or a prompt,
 * never from a declaration, and are never logged, planned or backed up.
 */
import type { Context } from '../core/context.js';
import type { CompiledConfig } from '../declaration/compiled.js';
import { RefusedError } from '../core/errors.js';
import { taskPathKey } from '../schtasks/task-path.js';

/** `TASKCTL_PASSWORD_<USER>` (user name upper-cased, non-alphanumerics as `_`), then `TASKCTL_PASSWORD`. */
export function passwordVariableFor(userId: string): string {
  return `TASKCTL_PASSWORD_${userId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** Task path → password, for every create/update whose principal needs one. */
export async function collectPasswords(
  plan: { changes: { action: string; task: string }[] },
  config: CompiledConfig,
  ctx: Context,
): Promise<Record<string, string>> {
  const byPath = new Map(config.tasks.map((t) => [taskPathKey(t.path), t]));
  const asked = new Map<string, string>();
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
          `${task.path} runs as ${user || 'a user'} with a stored password. Set ${passwordVariableFor(user)} (or TASKCTL_PASSWORD), or run on a terminal to be asked.`,
        );
      }
      password = await ctx.promptSecret(`Password for ${user} (task ${task.path}): `);
      asked.set(user, password);
    }
    passwords[task.path] = password;
  }
  return passwords;
}
