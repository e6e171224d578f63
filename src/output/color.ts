/**
 * A tiny ANSI colour helper. Output formatters take a palette instead of
 * checking the terminal themselves, so the same formatter gives plain text in
 * tests and pipes and coloured text on a TTY.
 */

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
