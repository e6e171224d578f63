/**
 * `taskctl import` minus the I/O: live task records → the text of a declarations file
 * (TypeScript or JSON), plus every note a person must read (also written into the file).
 */
import { describeError } from '../core/errors.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { fullTaskPath, normalizeFolder } from '../schtasks/task-path.js';
import { parseTaskXml } from '../schtasks/xml-parse.js';
import { definitionToDeclaration, type ImportedTask } from './definition-to-declaration.js';
import type { ImportedConfig } from './imported-config.js';
import { renderDeclarationsJson } from './render-declarations-json.js';
import { renderDeclarationsTs } from './render-declarations-ts.js';

export interface ImportOptions {
  prefix: string;
  format: 'ts' | 'json';
  /** Module specifier the TypeScript file imports `defineConfig`/`defineTask` from. @default 'taskctl' */
  importFrom?: string;
}

export interface ImportResult {
  /** The declarations file. */
  text: string;
  /** Everything the file could not say as typed declarations, and every task it could not read. */
  notes: string[];
  /** How many tasks were written. */
  count: number;
  /** Live tasks that could not be read at all (left out of the file). */
  errors: string[];
}

export function importTasks(records: readonly LiveTaskRecord[], options: ImportOptions): ImportResult {
  const tasks: ImportedTask[] = [];
  const errors: string[] = [];
  for (const record of records) {
    const path = fullTaskPath(record.taskPath, record.taskName);
    try {
      const { definition, warnings } = parseTaskXml(record.xml, path);
      const imported = definitionToDeclaration(normalizeFolder(record.taskPath), record.taskName, definition, options.prefix);
      imported.notes.unshift(...warnings.map((warning) => `${path}: ${warning}`));
      tasks.push(imported);
    } catch (error) {
      errors.push(`${path}: could not be read, so it is not in the file: ${describeError(error)}`);
    }
  }
  const config: ImportedConfig = { prefix: options.prefix, tasks, notes: errors };
  const text = options.format === 'json' ? renderDeclarationsJson(config) : renderDeclarationsTs(config, { importFrom: options.importFrom });
  return { text, notes: [...errors, ...tasks.flatMap((t) => t.notes)], count: tasks.length, errors };
}
