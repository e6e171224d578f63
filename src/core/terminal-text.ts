/**
 * Text for a terminal that can't be spoofed. A live task's description, name or command
 * line is written by whoever registered it; printed raw, a C1 control (U+009B is a CSI
 * that starts an escape sequence) or a bidirectional override (U+202E) can make a plan
 * read differently from what apply will do. Every text output (plan, conflicts, doctor,
 * logs, errors) passes its values through `terminalSafe`; JSON output stays exact.
 *
 * Kept: newline and tab (messages are multi-line). Escaped as `\uXXXX`: the other C0
 * controls, DEL, the C1 controls, and the bidirectional formatting characters.
 */

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
