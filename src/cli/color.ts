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
