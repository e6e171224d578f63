/**
 * A strict fake ProcessRunner: built from a table of expected calls and their
 * canned results. A call no expectation matches THROWS (nothing ever falls through
 * to a real process); every call is recorded so tests can assert how many
 * processes ran, their argv and their stdin.
 */
import type { ProcessRequest, ProcessResult, ProcessRunner } from '../../src/core/process-runner.js';

type Matcher<T> = T | RegExp | ((value: T) => boolean);

export interface ExpectedCall {
  /** Names the expectation in failure messages. */
  name?: string;
  command: Matcher<string>;
  /** Each argument matched in order (same count), or a predicate over all of them. */
  args?: Matcher<string>[] | ((args: string[]) => boolean);
  /** A predicate over stdin; it may also throw (e.g. an `expect`) to fail with its own message. */
  stdin?: (input: string | undefined) => boolean | void;
  /** What the process "does": a result, a function of the request, or an error to throw (e.g. ENOENT). */
  result?: ProcessResult | ((request: ProcessRequest) => ProcessResult | Promise<ProcessResult>);
  throws?: Error;
  /** How many calls this expectation answers. @default 1 */
  times?: number;
}

export interface FakeRunner extends ProcessRunner {
  /** Every request made, in order (stdin included). */
  readonly calls: ProcessRequest[];
  /** Throws when an expectation was not used as many times as it said. */
  assertAllUsed(): void;
}

export function createFakeRunner(expected: ExpectedCall[]): FakeRunner {
  const remaining = expected.map((e) => e.times ?? 1);
  const calls: ProcessRequest[] = [];
  return {
    calls,
    async run(request: ProcessRequest): Promise<ProcessResult> {
      calls.push(request);
      const index = expected.findIndex((e, i) => (remaining[i] ?? 0) > 0 && matches(e, request));
      const expectation = expected[index];
      if (expectation === undefined) {
        throw new Error(
          `FakeRunner: unexpected process ${JSON.stringify(request.command)} ${JSON.stringify(request.args)} ` +
            `(stdin ${request.input === undefined ? 'none' : `${request.input.length} chars`}); ` +
            `expected one of: ${expected.map((e, i) => `${e.name ?? `#${i}`} (${remaining[i]} left)`).join(', ') || 'nothing'}`,
        );
      }
      remaining[index] = (remaining[index] ?? 1) - 1;
      if (expectation.throws) throw expectation.throws;
      if (expectation.result === undefined) return { exitCode: 0, stdout: '', stderr: '' };
      return typeof expectation.result === 'function' ? expectation.result(request) : expectation.result;
    },
    assertAllUsed() {
      const unused = expected.filter((_, i) => (remaining[i] ?? 0) > 0);
      if (unused.length > 0) throw new Error(`FakeRunner: expected calls not made: ${unused.map((e) => e.name ?? String(e.command)).join(', ')}`);
    },
  };
}

function matches(expectation: ExpectedCall, request: ProcessRequest): boolean {
  if (!matchOne(expectation.command, request.command)) return false;
  const { args } = expectation;
  if (typeof args === 'function') {
    if (!args(request.args)) return false;
  } else if (args !== undefined) {
    if (args.length !== request.args.length) return false;
    if (!args.every((m, i) => matchOne(m, request.args[i] ?? ''))) return false;
  }
  if (expectation.stdin && expectation.stdin(request.input) === false) return false;
  return true;
}

function matchOne(matcher: Matcher<string>, value: string): boolean {
  if (typeof matcher === 'string') return matcher === value;
  if (matcher instanceof RegExp) return matcher.test(value);
  return matcher(value);
}

/** An error shaped like the one Node (and execa) give when the executable does not exist. */
export function enoentError(command: string): Error {
  return Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT', errno: -2, syscall: `spawn ${command}`, path: command });
}
