/**
 * What the declaration language compiles to: the tasks with their place, their
 * group (a taskctl concept Task Scheduler has no field for) and their wire model.
 */
import type { TaskDefinition } from '../schtasks/model.js';

export interface DeclaredTask {
  /** `\` or `\Sub\`. */
  folder: string;
  name: string;
  /** Full path, folder + name. */
  path: string;
  /** Tasks of one group must never run at the same time. */
  group?: string;
  /** The wire model, as `renderTaskXml` will write it (not normalized). */
  definition: TaskDefinition;
  /** True when the principal's logon type needs a password at registration (never stored). */
  needsPassword: boolean;
}

export interface CompiledConfig {
  prefix: string;
  /** Sorted by path. */
  tasks: DeclaredTask[];
  /** `taskctl doctor`'s thresholds, where the config overrides them. */
  doctor?: { cpuPercent?: number; memoryPercent?: number; pythonProcesses?: number };
}
