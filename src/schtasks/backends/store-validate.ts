/**
 * The store's stand-in for Task Scheduler's validation: before anything is
 * written, every operation must be in scope with a legal name, and every task
 * XML must be well-formed with a `<Task>` root.
 */
import { XMLValidator } from 'fast-xml-parser';
import type { ChangeOperation } from './backend.js';
import { operationProblems } from './operation-checks.js';

/** Why the XML can't be a task file, or undefined when it can. */
export function taskXmlProblem(xml: string): string | undefined {
  const result = XMLValidator.validate(xml.replace(/^\uFEFF/, ''));
  if (result !== true) return `the task XML is not well-formed: ${result.err.msg} (line ${result.err.line}, column ${result.err.col})`;
  const root = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<([A-Za-z_][\w.:-]*)/.exec(xml)?.[1];
  if (root === undefined || root.replace(/^[\w.-]+:/, '') !== 'Task') return `the task XML's root element is <${root ?? '?'}>, not <Task>`;
  return undefined;
}

/** For each operation, why the store must not perform it (undefined when it may). */
export function storeOperationProblems(operations: ChangeOperation[], prefix: string | undefined): (string | undefined)[] {
  const general = operationProblems(operations, prefix);
  return operations.map((op, i) => {
    const problems = [general[i], op.action === 'delete' ? undefined : taskXmlProblem(op.xml)].filter((p) => p !== undefined);
    return problems.length > 0 ? problems.join('; ') : undefined;
  });
}
