/**
 * `dst`: a scheduled wall-clock time that a daylight-saving change makes
 * ambiguous. In a gap (02:30 on a spring-forward night) the time does not exist:
 * Windows may start the run late or not at all (warning). In a repeat (01:30 on a
 * fall-back night) it happens twice (info). One conflict per task and kind,
 * with the first such time.
 */
import { readableAt } from '../describe.js';
import type { Conflict, ExpansionNote } from '../types.js';
import type { ConflictRule } from './rule.js';

type DstNote = Extract<ExpansionNote, { kind: 'dst-gap' | 'dst-repeat' }>;

export const dstRule: ConflictRule = {
  check(context) {
    const first = new Map<string, { note: DstNote; count: number }>();
    for (const note of context.notes) {
      if (note.kind !== 'dst-gap' && note.kind !== 'dst-repeat') continue;
      const key = `${note.path}\u0000${note.kind}`;
      const seen = first.get(key);
      if (seen) seen.count++;
      else first.set(key, { note, count: 1 });
    }
    const { timeZone } = context.horizon;
    return [...first.values()].map(({ note, count }): Conflict => {
      const when = note.wallClock.replace('T', ' ').slice(0, 16);
      const times = count > 1 ? ` (${count} times in the horizon)` : '';
      const gap = note.kind === 'dst-gap';
      return {
        kind: 'dst',
        severity: gap ? 'warning' : 'info',
        source: context.source,
        tasks: [note.path],
        message: gap
          ? `${note.path} trigger ${note.triggerIndex} is due at ${when}, which does not exist in ${timeZone} (clocks jump forward)${times}: ` +
            `Windows may run it late or skip it; analysed as ${readableAt(note.usedInstant, timeZone)}. Schedule outside 02:00–03:00 local time.`
          : `${note.path} trigger ${note.triggerIndex} is due at ${when}, which happens twice in ${timeZone} (clocks fall back)${times}: ` +
            `analysed as the first; Windows may run it once or twice.`,
        firstAt: note.wallClock,
      };
    });
  },
};
