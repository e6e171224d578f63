import { findConflicts } from '../../../src/conflicts/find-conflicts.js';
import type { Conflict, ConflictKind, ConflictSubject } from '../../../src/conflicts/types.js';

const DAY_MS = 86_400_000;

/** Conflicts over one UTC day from 2025-01-01 (or the given window), optionally of one kind. */
export function conflictsOf(
  subjects: ConflictSubject[],
  kind?: ConflictKind,
  window: { from?: string; horizonMs?: number; timeZone?: string } = {},
): Conflict[] {
  const all = findConflicts(subjects, {
    from: new Date(window.from ?? '2025-01-01T00:00:00Z'),
    horizonMs: window.horizonMs ?? DAY_MS,
    timeZone: window.timeZone ?? 'UTC',
  });
  return kind === undefined ? all : all.filter((c) => c.kind === kind);
}
