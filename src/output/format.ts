/**
 * What every output shares: colour, wrapping and the JSON document.
 *
 * - Formatters take a palette instead of checking the terminal themselves, so the same
 *   formatter gives plain text in tests and pipes and coloured text on a TTY.
 * - Every `--json` document taskctl prints is the contract's fields preceded by
 *   `"formatVersion": "1"` (as Terraform's `format_version`), so a script can tell which
 *   shape it reads. The version changes only when a field changes meaning or goes away;
 *   new fields are added without a new version.
 */

// ---- Colour ----

/** Wraps text in one colour; identity when colour is off. */
export type Paint = (text: string) => string;

/** The colours the formatters use. */
export interface Palette {
  readonly enabled: boolean;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly red: Paint;
  readonly cyan: Paint;
  readonly bold: Paint;
  readonly dim: Paint;
}

const ESC = '\u001b[';

function ansi(open: number, close: number): Paint {
  return (text) => `${ESC}${open}m${text}${ESC}${close}m`;
}

const identity: Paint = (text) => text;

/**
 * Creates a palette. With `enabled` false every paint function returns its
 * input unchanged, so golden tests can compare plain strings.
 */
export function createPalette(enabled: boolean): Palette {
  if (!enabled) {
    return { enabled, green: identity, yellow: identity, red: identity, cyan: identity, bold: identity, dim: identity };
  }
  return {
    enabled,
    green: ansi(32, 39),
    yellow: ansi(33, 39),
    red: ansi(31, 39),
    cyan: ansi(36, 39),
    bold: ansi(1, 22),
    dim: ansi(2, 22),
  };
}

/**
 * Whether output may be coloured: only on a terminal, never with NO_COLOR or --no-color
 * (https://no-color.org). FORCE_COLOR turns it on for CI logs that render ANSI.
 */
export function colorEnabled(options: { noColor?: boolean; isTTY?: boolean; env: Readonly<Record<string, string | undefined>> }): boolean {
  if (options.noColor) return false;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '') return false;
  if (options.env.FORCE_COLOR !== undefined && options.env.FORCE_COLOR !== '0') return true;
  return options.isTTY === true;
}

// ---- Wrapping ----

/** Words of `text` in lines of at most `width` characters (a longer word stands alone), each starting with `indent`. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

// ---- JSON ----

export const JSON_FORMAT_VERSION = '1';

/** `{ formatVersion, ...body }` as 2-space indented JSON with a trailing newline. */
export function jsonDocument(body: object): string {
  return `${JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, ...body }, null, 2)}\n`;
}
