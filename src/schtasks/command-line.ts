/**
 * Windows command lines, one idea whole: how an argv becomes one command-line string and back
 * (CommandLineToArgvW and the Microsoft C runtime, which most programs use to split their
 * `Arguments`), which program and script a command line runs (the `duplicate` rule and
 * `doctor` match processes by it), and the signs that it runs in a never-ending mode (the
 * incident's `auto_restart_local_llm.ps1 -Continuous`).
 *
 * Quoting: an argument is quoted only when it has to be (empty, or containing a space, tab,
 * newline or quote); inside quotes, backslashes are doubled only where they precede a quote.
 * Programs that parse their own command line (cmd.exe, `powershell -Command`) have other
 * rules: for those, write `arguments` as one string.
 */
import type { ExecAction } from './model.js';

const NEEDS_QUOTES = /[ \t\n\v"]/;

/** Quotes one argument so CommandLineToArgvW gives it back unchanged. */
export function quoteWindowsArgument(arg: string): string {
  if (arg.length > 0 && !NEEDS_QUOTES.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === '\\') {
      backslashes += 1;
      continue;
    }
    if (char === '"') {
      quoted += '\\'.repeat(backslashes * 2 + 1) + '"';
    } else {
      quoted += '\\'.repeat(backslashes) + char;
    }
    backslashes = 0;
  }
  // Backslashes before the closing quote must be doubled, or they would escape it.
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}

/** Joins an argv array into the `Arguments` string of an exec action. */
export function joinWindowsArguments(argv: readonly string[]): string {
  return argv.map(quoteWindowsArgument).join(' ');
}

/**
 * Splits an `Arguments` string the way CommandLineToArgvW splits everything after the
 * program name (the 2008+ C runtime rules: `""` inside quotes is a literal quote).
 */
export function splitWindowsArguments(commandLine: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArgument = false;
  let inQuotes = false;
  let i = 0;
  while (i < commandLine.length) {
    const char = commandLine[i] as string;
    if (!inQuotes && (char === ' ' || char === '\t')) {
      if (inArgument) args.push(current);
      current = '';
      inArgument = false;
      i += 1;
      continue;
    }
    inArgument = true;
    if (char === '\\') {
      let count = 0;
      while (commandLine[i] === '\\') {
        count += 1;
        i += 1;
      }
      if (commandLine[i] === '"') {
        current += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) {
          current += '"';
          i += 1;
        }
      } else {
        current += '\\'.repeat(count);
      }
      continue;
    }
    if (char === '"') {
      if (inQuotes && commandLine[i + 1] === '"') {
        current += '"';
        i += 2;
        continue;
      }
      inQuotes = !inQuotes;
      i += 1;
      continue;
    }
    current += char;
    i += 1;
  }
  if (inArgument) args.push(current);
  return args;
}

// ---- the same command ------------------------------------------------------------------
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

const ABSOLUTE_PATH = /(?:^|[\s"'=])(?:[a-z]:[\\/]|\\\\)/i;

/** The program part of a command: `C:\X\python.exe` → `python`. */
export function programName(command: string): string {
  const unquoted = command.trim().replace(/^"(.*)"$/, '$1');
  const base = unquoted.split(/[\\/]/).pop() ?? unquoted;
  return base.toLowerCase().replace(/\.exe$/, '');
}

/** A comparison key for one exec action (see above). */
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

// ---- never-ending modes ---------------------------------------------------------------
// A table, so a new sign is one line. Patterns run against the action's command line
// (`command arguments`), case-insensitively.
export interface LoopPattern {
  /** Matched against `command + ' ' + arguments`. */
  pattern: RegExp;
  /** Why it never ends, for the message. */
  reason: string;
}

/**
 * A switch token: `-Name` / `--name` / `/name`, followed by a space, `:`, `=` or the end
 * (but not `-Name:$false`).
 */
const flag = (names: string): RegExp =>
  new RegExp(`(?:^|\\s)(?:--?|/)(?:${names})(?=$|[\\s:=])(?![:=]\\s*\\$?false\\b)`, 'i');

export const LOOP_PATTERNS: readonly LoopPattern[] = [
  { pattern: flag('continuous|continuously'), reason: 'a `-Continuous` switch runs a monitoring loop that never exits' },
  { pattern: flag('loop|infinite-loop|run-forever|forever'), reason: 'a loop/forever switch keeps the process running' },
  { pattern: flag('watch|watch-mode'), reason: 'a watch switch keeps the process running to watch for changes' },
  { pattern: flag('daemon|daemonize|serve'), reason: 'a daemon/serve switch turns the run into a long-lived server' },
  { pattern: flag('noexit'), reason: '`-NoExit` keeps PowerShell open after the command finishes' },
  { pattern: /\b(?:get-content|gc|cat)\b[^|;]*\s-wait\b/i, reason: '`Get-Content -Wait` follows a file forever' },
  { pattern: /\btail\s+(?:-\w+\s+)*-f\b/i, reason: '`tail -f` follows a file forever' },
  { pattern: /\bwhile\s*\(\s*\$true\s*\)/i, reason: '`while ($true)` is an endless loop' },
  { pattern: /\bwhile\s*\(\s*(?:1|true)\s*\)|\bwhile\s+(?:true|1)\b/i, reason: 'a `while true` loop never exits' },
  { pattern: /\bfor\s*\(\s*;\s*;\s*\)/i, reason: '`for (;;)` is an endless loop' },
  { pattern: /\bdo\s*\{[^}]*\}\s*until\s*\(\s*\$false\s*\)/i, reason: '`do { } until ($false)` is an endless loop' },
  { pattern: /\bping(?:\.exe)?\s+(?:\S+\s+)*-t\b/i, reason: '`ping -t` pings until stopped' },
  { pattern: /\btimeout(?:\.exe)?\s+\/t\s+-1\b/i, reason: '`timeout /t -1` waits forever' },
  { pattern: /\brobocopy(?:\.exe)?\b.*\s\/mo[nt]:\d+/i, reason: 'robocopy `/MON` or `/MOT` keeps monitoring the source forever' },
  { pattern: /\bstart-sleep\b[^;|]*\[(?:int|int32|int64|long)\]::maxvalue/i, reason: 'sleeps for "MaxValue": effectively forever' },
  { pattern: /(?:^|\s)-timeout(?:sec|seconds)?\s+-1\b/i, reason: 'waits with an infinite (-1) timeout' },
];

/** The reasons (deduplicated, in table order) a command line looks never-ending. */
export function loopReasons(commandLine: string): string[] {
  const reasons: string[] = [];
  for (const { pattern, reason } of LOOP_PATTERNS) {
    if (pattern.test(commandLine) && !reasons.includes(reason)) reasons.push(reason);
  }
  return reasons;
}
