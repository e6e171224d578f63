/**
 * `taskctl stagger` output. JSON: `{ "formatVersion": "1", "groups": [ { group, feasible,
 * load, moves: [ { task, trigger, before, after } ], … } ] }` (contract.md "stagger"; the
 * extras `reason`, `message`, `search`, `unpredictable` and each move's `shiftMs` follow).
 * Text: one paragraph per group, its moves below it.
 */
import { describeDuration } from '../conflicts/describe.js';
import type { GroupStagger } from '../conflicts/stagger.js';
import { createPalette, jsonDocument, wrap } from './format.js';

export function formatStaggerJson(groups: readonly GroupStagger[]): string {
  return jsonDocument({
    groups: groups.map((g) => ({
      group: g.group,
      feasible: g.feasible,
      load: g.load,
      moves: g.moves.map((m) => ({ task: m.task, trigger: m.trigger, before: m.before, after: m.after, shiftMs: m.shiftMs })),
      ...(g.reason !== undefined ? { reason: g.reason } : {}),
      message: g.message,
      search: g.search,
      ...(g.unpredictable ? { unpredictable: g.unpredictable } : {}),
    })),
  });
}


const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${describeDuration(Math.abs(ms))}`;

export function formatStaggerText(groups: readonly GroupStagger[], options: { color: boolean; width?: number }): string {
  const palette = createPalette(options.color);
  const width = options.width ?? 100;
  if (groups.length === 0) return 'No groups: stagger keeps the tasks of a group apart; give tasks a `group` to use it.\n';
  const out: string[] = [];
  for (const g of groups) {
    const mark = g.feasible ? palette.green('ok') : g.reason === 'unpredictable' ? palette.yellow('!!') : palette.red('no');
    const [first = '', ...rest] = wrap(g.message, width - 5, '');
    out.push(`${mark}  ${first}`, ...rest.map((l) => `    ${l}`));
    for (const m of g.moves) out.push(`      ${m.task} trigger ${m.trigger}: ${m.before} → ${palette.bold(m.after)} (${signed(m.shiftMs)})`);
    out.push('');
  }
  return `${out.join('\n')}`;
}
