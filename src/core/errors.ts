/**
 * Error classes that carry their exit code. One top-level handler (`cli/main.ts`)
 * prints `message` and exits with `exitCode`; nothing else decides exit codes for errors.
 */

/** Every error taskctl means to show a person: what, why, and the offending value. */
export class TaskctlError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem in the declarations, with the path of the offending field. */
export interface Issue {
  /** Dotted/indexed path such as `tasks[2].triggers[0].repeat.interval`. */
  path: string;
  message: string;
}

/** Bad declarations (or any bad input): every problem at once, each with its path. */
export class ValidationError extends TaskctlError {
  constructor(
    readonly issues: Issue[],
    heading = 'The declarations are not valid',
  ) {
    super(`${heading}:\n${issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`);
  }
}

/** Task XML that can't be read; `where` names the task or file it came from. */
export class XmlParseError extends TaskctlError {
  constructor(
    readonly where: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${where}: ${reason}${line !== undefined ? ` (line ${line}${column !== undefined ? `, column ${column}` : ''})` : ''}`);
  }
}

/** A config file that could not be read, parsed or evaluated (exit 1). */
export class ConfigLoadError extends TaskctlError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Could not load the config ${file}: ${reason}`, options);
  }
}

/** The scheduler (PowerShell, a store folder) could not be read or written. */
export class BackendError extends TaskctlError {}

/** A refused operation (apply without confirmation, conflicts, a held lock). */
export class RefusedError extends TaskctlError {}

/** A command line yargs could not accept (unknown option, missing value, extra argument). */
export class UsageError extends TaskctlError {}

/** Format any thrown value for a person; unexpected errors keep their stack for --debug. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
