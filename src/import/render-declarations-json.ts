/**
 * The contract's JSON form of imported declarations. JSON has no comments, so each
 * task's notes go into its `$comment` field (which compile ignores).
 */
import { importHeader, sortedTasks, type ImportedConfig } from './imported-config.js';

export function renderDeclarationsJson(config: ImportedConfig): string {
  const document = {
    $comment: [...importHeader(config), ...(config.notes ?? [])],
    prefix: config.prefix,
    tasks: sortedTasks(config).map(({ task, notes }) => (notes.length > 0 ? { $comment: notes, ...task } : task)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
