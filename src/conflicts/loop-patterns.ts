/**
 * Signs that an action starts something that never ends on its own: the
 * "continuous loop" of the incident report (`auto_restart_local_llm.ps1 -Continuous`).
 * A table, so a new sign is one line. Patterns run against the action's command
 * line (`command arguments`), case-insensitively.
 */

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
