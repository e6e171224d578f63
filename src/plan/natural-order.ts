/**
 * Orderings that keep plans deterministic and readable: `triggers[2]` before
 * `triggers[10]`, task paths compared as Windows compares them.
 */
import { taskPathKey } from '../schtasks/task-path.js';

/** Compares field paths with their array indexes as numbers. */
export function compareFieldPaths(a: string, b: string): number {
  const left = a.split(/(\d+)/);
  const right = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    // split() with a capture group puts the digit runs at odd indexes.
    if (i % 2 === 1) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Case-insensitive like Windows, with a case-sensitive tie-break so the order is total. */
export function compareTaskPaths(a: string, b: string): number {
  const x = taskPathKey(a);
  const y = taskPathKey(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
