import { TaskctlError } from '../core/errors.js';

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
