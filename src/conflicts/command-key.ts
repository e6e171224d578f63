/**
 * What "the same command" means for the `duplicate` rule. Two exec actions are
 * the same when all of these agree, case-insensitively:
 * - the program's file name: surrounding quotes dropped, directory dropped, and a
 *   trailing `.exe` dropped — so `python`, `python.exe` and `C:\Python313\python.exe`
 *   are one program (Windows finds a bare name through PATH and PATHEXT; two
 *   different installs running the same script with the same arguments are still
 *   doing the same job twice). Other extensions (`.cmd`, `.bat`, `.ps1`) are kept.
 * - the arguments, with runs of whitespace collapsed and ends trimmed (quotes kept:
 *   they change how arguments split).
 * - the working directory (trailing `\` dropped), but only when the arguments
 *   name no absolute path (`C:\…`, `\\server\…`): then a relative script name
 *   depends on where it runs. Environment variables (`%SystemRoot%`) are compared as written.
 */
import type { ExecAction } from '../schtasks/model.js';

const ABSOLUTE_PATH = /(?:^|[\s"'=])(?:[a-z]:[\\/]|\\\\)/i;

/** The program part of a command: `C:\X\python.exe` → `python`. */
export function programName(command: string): string {
  const unquoted = command.trim().replace(/^"(.*)"$/, '$1');
  const base = unquoted.split(/[\\/]/).pop() ?? unquoted;
  return base.toLowerCase().replace(/\.exe$/, '');
}

/** A comparison key for one exec action (see the module comment). */
export function commandKey(action: ExecAction): string {
  const args = (action.arguments ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  const directory = ABSOLUTE_PATH.test(args)
    ? ''
    : (action.workingDirectory ?? '').trim().replace(/^"(.*)"$/, '$1').replace(/[\\/]+$/, '').toLowerCase();
  return `${programName(action.command)}\u0000${args}\u0000${directory}`;
}

/** How the command reads in a message. */
export function commandText(action: ExecAction): string {
  return `${action.command}${action.arguments ? ` ${action.arguments.trim().replace(/\s+/g, ' ')}` : ''}`;
}
