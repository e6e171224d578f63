/**
 * Per-user state folders: `%LOCALAPPDATA%\taskctl` on Windows, the XDG state
 * folder (`$XDG_STATE_HOME/taskctl`, else `~/.local/state/taskctl`) elsewhere.
 * Backups and apply locks live there unless told otherwise. Which base is the target
 * platform's choice; the parts are joined with the running system's separator (the same on
 * Windows, and a usable path wherever else a Windows run is rehearsed).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

function stateRoot(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA ?? join(env.USERPROFILE ?? homedir(), 'AppData', 'Local');
    return join(base, 'taskctl');
  }
  return join(env.XDG_STATE_HOME ?? join(env.HOME ?? homedir(), '.local', 'state'), 'taskctl');
}

export function defaultBackupRoot(env: Env, platform: NodeJS.Platform): string {
  return join(stateRoot(env, platform), 'backups');
}

/**
 * Apply locks. On Windows the Task Scheduler is shared by every user of the
 * machine, so the lock lives in the machine-wide `%ProgramData%\taskctl\locks`
 * where any user's apply sees it.
 */
export function defaultLockDir(env: Env, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'taskctl', 'locks');
  return join(stateRoot(env, platform), 'locks');
}
