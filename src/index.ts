/**
 * The package's library entry: the declaration language for people writing
 * task files (`import { defineConfig, defineTask } from 'taskctl'`), and the
 * core functions for scripts that embed taskctl.
 */
export * from './declaration/index.js';
export type { TaskDefinition, Trigger, Action, Principal, Settings, LiveTaskRecord } from './schtasks/model.js';
export { renderTaskXml } from './schtasks/render-task-xml.js';
export { parseTaskXml } from './schtasks/parse-task-xml.js';
export { normalizeTask } from './schtasks/normalize-task.js';
