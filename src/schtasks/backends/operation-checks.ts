/**
 * Checks every backend makes before changing anything: the task is inside the
 * prefix scope, its name and folder are legal, a register operation has XML. A
 * batch with any problem is rejected whole, nothing attempted.
 */
import type { ChangeOperation, ChangeResult } from './backend.js';
import { fullTaskPath, matchesPrefix } from '../task-path.js';
import { taskFolderProblems, taskNameProblems } from '../task-path.js';

/** For each operation, why it must not run (undefined when it may). */
export function operationProblems(operations: ChangeOperation[], prefix: string | undefined): (string | undefined)[] {
  return operations.map((op) => {
    const problems = [...taskNameProblems(op.name), ...taskFolderProblems(op.folder)];
    if (prefix !== undefined && !matchesPrefix(op.name, prefix)) {
      problems.push(`"${op.name}" is outside the prefix "${prefix}"; taskctl never touches tasks outside its prefix`);
    }
    if (op.action !== 'delete' && op.xml.trim().length === 0) problems.push('the task XML is empty');
    return problems.length > 0 ? problems.join('; ') : undefined;
  });
}

/** The full task path an operation targets. */
export function operationPath(op: ChangeOperation): string {
  return fullTaskPath(op.folder, op.name);
}

/** Results for a batch rejected before anything ran: all `not-attempted`, the rejected ones saying why. */
export function rejectedBatch(operations: ChangeOperation[], problems: (string | undefined)[], reason: string): ChangeResult[] {
  return operations.map((op, i) => {
    const problem = problems[i];
    const result: ChangeResult = { task: operationPath(op), action: op.action, status: 'not-attempted' };
    if (problem !== undefined) result.error = `${reason}: ${problem}`;
    return result;
  });
}
