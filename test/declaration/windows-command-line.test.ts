import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinWindowsArguments, quoteWindowsArgument, splitWindowsArguments } from '../../src/schtasks/command-line.js';

describe('quoteWindowsArgument (CommandLineToArgvW rules)', () => {
  it.each([
    ['plain', 'plain'],
    ['C:\\AGI\\check.py', 'C:\\AGI\\check.py'],
    ['C:\\dir\\', 'C:\\dir\\'],
    ['', '""'],
    ['with space', '"with space"'],
    ['tab\there', '"tab\there"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['"', '"\\""'],
    ['C:\\Program Files\\', '"C:\\Program Files\\\\"'],
    ['a\\"b', '"a\\\\\\"b"'],
    ['a\\\\b c', '"a\\\\b c"'],
  ])('%j → %j', (arg, quoted) => {
    expect(quoteWindowsArgument(arg)).toBe(quoted);
  });

  it('joins an argv array with spaces', () => {
    expect(joinWindowsArguments(['-File', 'C:\\My Scripts\\run.ps1', '-Name', 'a "b"'])).toBe(
      '-File "C:\\My Scripts\\run.ps1" -Name "a \\"b\\""',
    );
  });

  it('splits what it joins back into the same argv (any text)', () => {
    const arg = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '"', '\\', 'é', 'x', '&', '%') });
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 6 }), (argv) => {
        expect(splitWindowsArguments(joinWindowsArguments(argv))).toEqual(argv);
      }),
      { numRuns: 500 },
    );
  });

  it('splits like the C runtime: 2n backslashes + quote, 2n+1 backslashes + quote, "" inside quotes', () => {
    expect(splitWindowsArguments('a\\\\"b c" d')).toEqual(['a\\b c', 'd']);
    expect(splitWindowsArguments('a\\\\\\"b')).toEqual(['a\\"b']);
    expect(splitWindowsArguments('"a""b"')).toEqual(['a"b']);
    expect(splitWindowsArguments('  x   y  ')).toEqual(['x', 'y']);
  });
});
