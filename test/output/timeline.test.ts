import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyzeConflicts } from '../../src/conflicts/find-conflicts.js';
import type { ConflictSubject } from '../../src/conflicts/types.js';
import { renderTimeline } from '../../src/output/timeline/render-timeline.js';
import { at, daily, subject } from '../conflicts/helpers/subjects.js';

const DAY = 86_400_000;
const FROM = new Date('2025-01-01T00:00:00Z');

const fleet: ConflictSubject[] = [
  subject('\\AGI_Health_Check', { group: 'agi', timeLimit: 'PT10M', triggers: [at('2025-01-01T00:00:00', { repeat: { interval: 'PT30M' } })] }),
  subject('\\AGI_Perf_Monitor', { group: 'agi', timeLimit: 'PT10M', triggers: [at('2025-01-01T00:05:00', { repeat: { interval: 'PT1H' } })] }),
  subject('\\AGI_Quiet', { group: 'agi', timeLimit: 'PT5M', triggers: [daily('2025-01-01T03:20:00')] }),
  subject(`\\AGI_Odd & <Name> "q" 'x'`, { group: 'other & <more>', timeLimit: 'PT5M', triggers: [daily('2025-01-01T12:00:00')] }),
  subject('\\AGI_Boot', { triggers: [{ kind: 'BootTrigger', enabled: true }] }),
];

function render(subjects: ConflictSubject[], horizonMs: number, format: 'svg' | 'html' = 'svg') {
  const options = { from: FROM, horizonMs, timeZone: 'UTC' };
  const { runs, conflicts } = analyzeConflicts(subjects, options);
  return { text: renderTimeline(subjects, runs, conflicts, { ...options, format }), conflicts, runs };
}

const rowOf = (svg: string, task: string) => {
  const start = svg.indexOf(`<g class="row" data-task="${task}"`);
  return start < 0 ? '' : svg.slice(start, svg.indexOf('</g>', start));
};
const count = (text: string, needle: string) => text.split(needle).length - 1;
/** Bars of one class in a row: each is one `M…z` subpath of the row's `<path class=…>`. */
const bars = (row: string, cls: string) => {
  const d = new RegExp(`<path class="${cls}" d="([^"]*)"`).exec(row)?.[1] ?? '';
  return count(d, 'M');
};

describe('renderTimeline (svg)', () => {
  const { text: svg } = render(fleet, DAY);

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('draws one row per task, grouped by group (ungrouped last)', () => {
    expect(count(svg, '<g class="row"')).toBe(5);
    const groups = [...svg.matchAll(/<g class="group"(?: data-group="([^"]*)")? data-source="(\w+)">/g)].map((m) => `${m[2]}:${m[1] ?? '-'}`);
    expect(groups).toEqual(['declared:agi', 'declared:other &amp; &lt;more&gt;', 'declared:-']);
  });

  it('marks overlaps in red on both tasks of a colliding pair, and only there', () => {
    for (const task of ['\\AGI_Health_Check', '\\AGI_Perf_Monitor']) {
      expect(bars(rowOf(svg, task), 'overlap')).toBeGreaterThan(0);
      expect(bars(rowOf(svg, task), 'overlap-mark')).toBeGreaterThan(0);
    }
    expect(rowOf(svg, '\\AGI_Quiet')).not.toContain('class="overlap');
    expect(bars(rowOf(svg, '\\AGI_Quiet'), 'run')).toBe(1);
  });

  it('draws every run as a bar (24 runs at :05 every hour, 10 min long, are 24 bars)', () => {
    expect(bars(rowOf(svg, '\\AGI_Perf_Monitor'), 'run')).toBe(24);
    // Health check runs at :00 and :30 for 10 min; the monitor at :05 overlaps the :00 one every hour.
    expect(bars(rowOf(svg, '\\AGI_Perf_Monitor'), 'overlap')).toBe(24);
  });

  it('labels hours for a one-day view', () => {
    expect(svg).toContain('>00:00</text>');
    expect(svg).toContain('>12:00</text>');
  });

  it('escapes task and group names', () => {
    expect(svg).toContain('data-task="\\AGI_Odd &amp; &lt;Name&gt; &quot;q&quot; &#39;x&#39;"');
    expect(svg).not.toContain('<Name>');
  });

  it('says why a row has no bars', () => {
    expect(rowOf(svg, '\\AGI_Boot')).toContain('no scheduled runs: starts at boot');
  });

  it('is deterministic', () => {
    expect(render(fleet, DAY).text).toBe(svg);
  });

  it('titles the window and the counts', () => {
    expect(svg).toContain('Schedule 2025-01-01 00:00 → 2025-01-02 00:00 (UTC)');
    expect(svg).toMatch(/5 tasks · \d+ runs · 1 overlapping pair · /);
  });
});

describe('renderTimeline over a week', () => {
  it('labels days and merges touching runs into one bar', () => {
    const busy = [subject('\\AGI_Every5', { timeLimit: 'PT5M', triggers: [at('2025-01-01T00:00:00', { repeat: { interval: 'PT5M' } })] })];
    const { text, runs } = render(busy, 7 * DAY);
    expect(runs).toHaveLength(7 * 288);
    expect(bars(rowOf(text, '\\AGI_Every5'), 'run')).toBe(1);
    expect(text).toContain('>Wed 01-01</text>');
    expect(text).toContain('>Tue 01-07</text>');
  });

  it('keeps the picture small for a large fleet', () => {
    const big = Array.from({ length: 300 }, (_, i) =>
      subject(`\\AGI_T${String(i).padStart(3, '0')}`, {
        group: `g${i % 10}`, timeLimit: 'PT3M',
        triggers: [at(`2025-01-01T00:${String(i % 60).padStart(2, '0')}:00`, { repeat: { interval: `PT${5 + (i % 12) * 5}M` } })],
      }),
    );
    const { text } = render(big, 7 * DAY);
    expect(count(text, '<g class="row"')).toBe(300);
    expect(text.length).toBeLessThan(15_000_000);
  });
});

describe('renderTimeline (html)', () => {
  it('embeds the svg in a page with a table of the conflicts', () => {
    const { text, conflicts } = render(fleet, DAY, 'html');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(count(text, '<svg ')).toBe(1);
    expect(count(text, '<tr class="')).toBe(conflicts.length);
    expect(text).toContain('<td>overlap</td>');
  });
});
