/** `taskctl import`: live tasks → declarations (the inverse of the spec compiler). */
export { definitionToDeclaration, type ImportedTask } from './definition-to-declaration.js';
export { triggerToDeclaration, type TriggerImport } from './trigger-to-declaration.js';
export { renderDeclarationsTs, variableNames, type RenderTsOptions } from './render-declarations-ts.js';
export { renderDeclarationsJson } from './render-declarations-json.js';
export { importTasks, type ImportOptions, type ImportResult } from './import-tasks.js';
export type { ImportedConfig } from './imported-config.js';
