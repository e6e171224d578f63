/**
 * The task XML reader's public entry point (the implementation lives in
 * `parse-task-xml.ts` and its helpers).
 */
export { parseTaskBytes, parseTaskXml, type ParsedTask } from './parse-task-xml.js';
