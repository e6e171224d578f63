/**
 * Subjects grouped by their `group` (only grouped, enabled tasks).
 */
import type { ConflictSubject } from './types.js';

/** Group name → its enabled members, in path order. */
export function groupMembers(subjects: readonly ConflictSubject[]): Map<string, ConflictSubject[]> {
  const groups = new Map<string, ConflictSubject[]>();
  for (const subject of subjects) {
    if (subject.group === undefined || subject.definition.settings.enabled === false) continue;
    const members = groups.get(subject.group);
    if (members) members.push(subject);
    else groups.set(subject.group, [subject]);
  }
  return groups;
}
