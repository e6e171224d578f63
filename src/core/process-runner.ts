/**
 * The only importer of execa. Everything that starts a process goes through a
 * `ProcessRunner`, so tests can pass a strict fake (test/fakes/fake-runner.ts)
 * and nothing ever falls through to a real process.
 */
import { BackendError } from './errors.js';

export interface ProcessRequest {
  command: string;
  args: string[];
  /** Written to the process's stdin, then stdin is closed. Data travels here, never in args or script text. */
  input?: string;
  /** Kill the process after this long. @default 300000 */
  timeoutMs?: number;
  /** Variables added to the inherited environment (the simulated Task Scheduler's folder). */
  env?: Readonly<Record<string, string>>;
}

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ProcessRunner {
  /** Runs to completion; resolves with a non-zero exit code rather than throwing. Throws only when it can't start. */
  run(request: ProcessRequest): Promise<ProcessResult>;
}

export function createProcessRunner(): ProcessRunner {
  return {
    async run({ command, args, input, timeoutMs = 300_000, env }) {
      const { execa } = await import('execa');
      try {
        const result = await execa(command, args, {
          input: input ?? '',
          reject: false,
          timeout: timeoutMs,
          stripFinalNewline: false,
          encoding: 'utf8',
          windowsHide: true,
          // Output is captured for messages, never shown on a terminal: no colour codes in it
          // (pwsh 7.2+ paints its errors unless NO_COLOR is set, even when stderr is a pipe).
          env: { NO_COLOR: '1', ...env },
          extendEnv: true,
        });
        if (result.timedOut) {
          throw new BackendError(`${command} did not finish within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} and was stopped.`);
        }
        if (result.failed && result.exitCode === undefined) {
          throw new ProcessStartError(command, result.shortMessage ?? result.message ?? 'failed to start', (result as { code?: string }).code);
        }
        return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
      } catch (error) {
        if (error instanceof BackendError) throw error;
        throw new ProcessStartError(command, (error as Error).message, (error as { code?: string }).code);
      }
    },
  };
}

/** The process could not be started (not found, not executable); `code` is the system's (`ENOENT`…). */
export class ProcessStartError extends BackendError {
  constructor(
    readonly command: string,
    reason: string,
    readonly code?: string,
  ) {
    super(`could not run ${command}: ${reason}`);
  }
}
