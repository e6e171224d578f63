/**
 * Per-user state folders: `%LOCALAPPDATA%\taskctl` on Windows, the XDG state
 * folder (`$XDG_STATE_HOME/taskctl`, else `~/.local/state/taskctl`) elsewhere.
 * Backups and apply locks live there unless told otherwise.
 */
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export function stateRoot(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA ?? win32.join(env.USERPROFILE ?? homedir(), 'AppData', 'Local');
    return win32.join(base, 'taskctl');
  }
  return join(env.XDG_STATE_HOME ?? join(env.HOME ?? homedir(), '.local', 'state'), 'taskctl');
}

export function defaultBackupRoot(env: Env, platform: NodeJS.Platform): string {
  return platform === 'win32' ? win32.join(stateRoot(env, platform), 'backups') : join(stateRoot(env, platform), 'backups');
}

/**
 * Apply locks. On Windows the Task Scheduler is shared by every user of the
 * machine, so the lock lives in the machine-wide `%ProgramData%\taskctl\locks`
 * where any user's apply sees it.
 */
export function defaultLockDir(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'taskctl', 'locks');
  return join(stateRoot(env, platform), 'locks');
}
