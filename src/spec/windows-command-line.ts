/**
 * argv ⇄ one Windows command-line string, by the rules of CommandLineToArgvW and the
 * Microsoft C runtime (which most programs use to split their `Arguments`).
 *
 * An argument is quoted only when it has to be (empty, or containing a space, tab, newline
 * or quote); inside quotes, backslashes are doubled only where they precede a quote.
 * Programs that parse their own command line (cmd.exe, `powershell -Command`) have other
 * rules: for those, write `arguments` as one string.
 */

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
