/** The public API of `src/schtasks`: the wire model and everything that reads, writes and compares it. */
export * from './model.js';
export * from './duration.js';
export * from './encoding.js';
export * from './task-path.js';
export * from './datetime.js';
export * from './defaults.js';
export * from './well-known-accounts.js';
export * from './schema-version.js';
export { parseTaskXml, parseTaskBytes, type ParsedTask } from './parse-task-xml.js';
export { renderTaskXml } from './render-task-xml.js';
export { normalizeTask } from './normalize-task.js';
export { normalizeRepetition, normalizeTrigger } from './normalize-trigger.js';
export { normalizeGuid, normalizeMonths, normalizeProse } from './normalize-values.js';
export { validateDefinition } from './validate-definition.js';
export { canonicalRawXml } from './raw-element.js';
export { parseXsBoolean } from './element-reader.js';
