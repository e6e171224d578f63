/**
 * How the fleet starts its scripts: the interpreter's full path, the script's full path and
 * the arguments joined by Windows' quoting rules (CommandLineToArgvW), so an `AGI_ROOT` with
 * spaces (`D:\AI Stack`) still reaches the script as one argument.
 */
import { joinWindowsArguments, type ActionDeclarationInput } from '../declaration/index.js';
import { agiPaths, scriptPath, type AgiPaths } from './paths.js';

/**
 * Switches every PowerShell job gets: no profile (a user's profile is not SYSTEM's and slows
 * every start), no prompts (nobody is there to answer), and a policy that lets the unsigned
 * scripts in `<AGI_ROOT>\scripts` run without changing the machine's policy.
 */
const POWERSHELL_SWITCHES = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'] as const;

/** Runs `<scripts>\<script>` once with Windows PowerShell: `powershell.exe … -File "<script>" <args>`. */
export function powershellScript(script: string, args: readonly string[] = [], paths: AgiPaths = agiPaths): ActionDeclarationInput {
  return {
    command: paths.powershell,
    arguments: joinWindowsArguments([...POWERSHELL_SWITCHES, '-File', scriptPath(paths, script), ...args]),
    workingDirectory: paths.root,
  };
}

/** Runs `<scripts>\<script>` once with the stack's Python: `python.exe "<script>" <args>`. */
export function pythonScript(script: string, args: readonly string[] = [], paths: AgiPaths = agiPaths): ActionDeclarationInput {
  return {
    command: paths.python,
    arguments: joinWindowsArguments([scriptPath(paths, script), ...args]),
    workingDirectory: paths.root,
  };
}
