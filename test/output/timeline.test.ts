/**
 * The timeline without a browser: the geometry against brute-force oracles, the adapter
 * against the engine's own runs and conflicts, the page's embedding of hostile text, and
 * the static SVG.
 */
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../src/conflicts/types.js';
import { renderTimeline, timelineModel } from '../../src/output/timeline/render-timeline.js';
import { geometry as G, timelineGeometry, type RunTable } from '../../src/output/timeline/timeline-geometry.js';
import { PAGE_SCRIPT } from '../../src/output/timeline/page-script.js';
import { scriptSafeJson, timelinePage } from '../../src/output/timeline/timeline-page.js';
import type { TimelineModel } from '../../src/output/timeline/timeline-model.js';
import { analyzeConflicts } from '../../src/conflicts/find-conflicts.js';
import { at, subject } from '../conflicts/helpers/subjects.js';
import {
  calmFleet, DAY, FROM, OVER_CAPACITY, HOSTILE_ARGS, HOSTILE_NAME, hostileFleet, KOREAN, largeFleet, mixedFleet, renderFleet, ZONE,
} from '../browser/timeline-fixtures.js';

const HOUR = 3_600_000;
const T0 = FROM.getTime();

const modelOf = (subjects = mixedFleet(), days = 7, timeZone = ZONE, extra: Conflict[] = []) => {
  const options = { from: FROM, horizonMs: days * DAY, timeZone };
  const analysis = analyzeConflicts(subjects, options);
  return { model: timelineModel(subjects, analysis.runs, [...analysis.conflicts, ...extra], options), ...analysis };
};

const table = (runs: [number, number][]): RunTable => {
  const sorted = [...runs].sort((a, b) => a[0] - b[0]);
  return {
    count: sorted.length,
    start: Float64Array.from(sorted.map((r) => r[0])),
    latest: Float64Array.from(sorted.map((r) => r[0])),
    end: Float64Array.from(sorted.map((r) => r[1])),
    trigger: new Int32Array(sorted.length),
  };
};
/** The unit instants an interval list covers, for brute-force comparison. */
const covered = (intervals: Float64Array | [number, number][], horizon = 240) => {
  const pairs: [number, number][] = Array.isArray(intervals)
    ? intervals
    : Array.from({ length: intervals.length / 2 }, (_, k) => [intervals[2 * k] as number, intervals[2 * k + 1] as number]);
  return Array.from({ length: horizon }, (_, t) => pairs.some(([s, e]) => s <= t && t < e));
};
const runsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 40 })).map(([s, d]): [number, number] => [s, s + d]), {
  maxLength: 12,
});

describe('timeline geometry (against brute force)', () => {
  it('merges runs into busy time and finds where a task starts over itself', () => {
    fc.assert(
      fc.property(runsArb, (runs) => {
        const t = table(runs);
        const busy = G.mergeBusy(t);
        expect(covered(busy)).toEqual(covered(runs));
        for (let k = 2; k < busy.length; k += 2) expect(busy[k]).toBeGreaterThan(busy[k - 1] as number);
        // Self-overlap at instant x: a run covers x and an earlier-starting run still covers its start.
        const sorted = [...runs].sort((a, b) => a[0] - b[0]);
        const expected = Array.from({ length: 240 }, (_, x) =>
          sorted.some(([s, e], i) => s <= x && x < e && sorted.slice(0, i).some(([, pe]) => pe > s && x < pe)),
        );
        expect(covered(G.selfOverlaps(t))).toEqual(expected);
      }),
    );
  });

  it('finds, per member of a group, exactly where another member runs too', () => {
    fc.assert(
      fc.property(fc.array(runsArb, { minLength: 1, maxLength: 6 }), (members) => {
        const busy = members.map((runs) => G.mergeBusy(table(runs)));
        const overlays = G.collisionOverlays(busy);
        const cover = busy.map((b) => covered(b));
        overlays.forEach((overlay, i) => {
          const expected = cover[i]?.map((on, t) => on && cover.some((other, j) => j !== i && other[t])) ?? [];
          expect(covered(overlay)).toEqual(expected);
        });
        if (busy.length >= 2) {
          const first = G.firstCommon(busy[0] as Float64Array, busy[1] as Float64Array);
          const brute = cover[0]?.findIndex((on, t) => on && cover[1]?.[t]) ?? -1;
          expect(first).toBe(brute < 0 ? undefined : brute);
        }
      }),
    );
  });

  it('finds the hour with the most run time', () => {
    fc.assert(
      fc.property(fc.array(runsArb, { minLength: 1, maxLength: 4 }), (members) => {
        const H = 30; // a 30-unit "hour" keeps the brute force small: scale ms by HOUR / 30
        const scaled = members.map((runs) => table(runs.map(([s, e]) => [(s * HOUR) / H, (e * HOUR) / H])));
        const best = G.busiestHour(scaled, 0, 8 * HOUR, [[0, 0]]);
        const perHour = Array.from({ length: 8 }, (_, h) =>
          members.flat().reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, (h + 1) * H, 240) - Math.max(s, h * H)), 0),
        );
        const max = Math.max(...perHour);
        if (max === 0) expect(best).toBeUndefined();
        else {
          expect(best?.busyMs).toBeCloseTo((max * HOUR) / H, 3);
          expect(perHour[(best?.start ?? 0) / HOUR]).toBe(max);
        }
      }),
    );
  });

  it('labels the axis in days, hours or minutes, whichever fits, in the zone’s wall clock', () => {
    const { model } = modelOf(mixedFleet(), 7, 'Europe/Berlin');
    const week = G.axisTicks(T0, T0 + 7 * DAY, 700, model.zone.offsets);
    expect(week.unit).toBe('day');
    expect(week.labels.map((l) => l.text)).toEqual(['Tue 01-07', 'Wed 01-08', 'Thu 01-09', 'Fri 01-10', 'Sat 01-11', 'Sun 01-12', 'Mon 01-13']);
    // 00:00 UTC is 01:00 in Berlin in January: the first midnight is an hour in.
    expect(week.labels[0]?.x).toBeCloseTo((23 / 168) * 700, 5);
    expect(week.days).toEqual([{ x: 0, text: 'Mon 01-06' }]);
    const wide = G.axisTicks(T0, T0 + 7 * DAY, 990, model.zone.offsets);
    expect(wide.unit).toBe('hour');
    expect(new Set(wide.labels.map((l) => l.text))).toEqual(new Set(['00:00', '12:00']));
    expect(wide.days).toHaveLength(8);
    const day = G.axisTicks(T0, T0 + DAY, 990, model.zone.offsets);
    expect(day.unit).toBe('hour');
    expect(day.labels[0]?.text).toBe('02:00');
    expect(day.days.map((d) => d.text)).toEqual(['Mon 01-06', 'Tue 01-07']);
    const hour = G.axisTicks(T0, T0 + HOUR, 990, model.zone.offsets);
    expect(hour.unit).toBe('minute');
    expect(hour.labels.map((l) => l.text)).toContain('01:05');
  });

  it('skips the wall hour that DST removes', () => {
    const spring = new Date('2025-03-30T00:00:00Z');
    const options = { from: spring, horizonMs: DAY, timeZone: 'Europe/Berlin' };
    const model = timelineModel([], [], [], options);
    const labels = G.axisTicks(spring.getTime(), spring.getTime() + DAY, 2400, model.zone.offsets).labels.map((l) => l.text);
    expect(labels.slice(0, 3)).toEqual(['01:00', '03:00', '04:00']);
  });

  it('runs the same when embedded in the page as in Node', () => {
    const standalone = new Function(`return (${timelineGeometry.toString()})();`)() as typeof G;
    const { model } = modelOf();
    for (const row of model.rows) {
      const here = G.decodeRuns(row.runs, model.window.from, model.window.end);
      const there = standalone.decodeRuns(row.runs, model.window.from, model.window.end);
      expect(Array.from(standalone.mergeBusy(there))).toEqual(Array.from(G.mergeBusy(here)));
    }
    expect(standalone.axisTicks(T0, T0 + DAY, 700, model.zone.offsets)).toEqual(G.axisTicks(T0, T0 + DAY, 700, model.zone.offsets));
  });
});

describe('timelineModel (the adapter)', () => {
  it('keeps every run the engine expanded: series decode back to the same runs', () => {
    for (const subjects of [mixedFleet(), largeFleet(60)]) {
      const { model, runs } = modelOf(subjects);
      model.rows.forEach((row) => {
        if (row.disabled) return;
        const own = runs.filter((r) => r.source === row.source && r.path === row.path);
        const decoded = G.decodeRuns(row.runs, model.window.from, model.window.end);
        expect(decoded.count).toBe(own.length);
        own.forEach((r, i) => {
          expect([decoded.start[i], decoded.latest[i], decoded.end[i], decoded.trigger[i]]).toEqual([r.start, r.latestStart, r.end, r.triggerIndex]);
        });
      });
    }
  });

  it('compresses a repeating schedule to one series per trigger', () => {
    const { model } = modelOf(largeFleet(20));
    for (const row of model.rows) expect(row.runs.length).toBeLessThanOrEqual(2);
  });

  it('orders rows by source, group and path, and describes each task', () => {
    const { model } = modelOf();
    expect(model.sources).toEqual(['declared', 'live']);
    expect(model.groups.map((g) => g.name)).toEqual(['agi', undefined]);
    expect(model.rows.map((r) => `${r.source} ${r.group} ${r.path}`)).toEqual([
      'declared 0 \\AGI\\보고서\\매우_긴_폴더_이름_그리고_더_긴_하위_폴더\\AGI_일일_보고서_생성_및_전송_작업_아주_긴_이름',
      'declared 0 \\AGI_Boot_Sync',
      'declared 0 \\AGI_Health_Check',
      'declared 0 \\AGI_Old_Job',
      'declared 0 \\AGI_Perf_Monitor',
      'declared 0 \\AGI_Report',
      'declared 1 \\AGI\\Very\\Long\\Folder\\Path\\That\\Goes\\On\\And\\On\\AGI_An_Extremely_Long_Task_Name_That_Would_Not_Fit_Anywhere_At_All',
      'live 0 \\AGI_Health_Check',
      'live 0 \\AGI_Perf_Monitor',
      'live 1 \\AGI_Loop',
    ]);
    const row = (source: string, path: string) => model.rows.find((r) => r.source === source && r.path === path);
    expect(row('declared', '\\AGI_Boot_Sync')).toMatchObject({ unpredictable: ['at boot'], runs: [], severity: 'warning', kinds: ['unpredictable'] });
    expect(row('live', '\\AGI_Loop')).toMatchObject({ declared: false, unbounded: true, timeLimit: 'none' });
    expect(row('live', '\\AGI_Health_Check')).toMatchObject({ multipleInstances: 'Parallel', timeLimit: '3 days', severity: 'error' });
    expect(row('declared', '\\AGI_Perf_Monitor')?.triggers).toEqual(['at 2025-01-06T00:02:00, every PT1H']);
    expect(row('declared', '\\AGI_Perf_Monitor')?.actions).toEqual(['python.exe C:\\AGI\\AGI_Perf_Monitor.py']);
    // A disabled task carries the runs it would have once enabled: one a day.
    const disabled = row('declared', '\\AGI_Old_Job');
    expect(disabled?.disabled).toBe(true);
    expect(G.decodeRuns(disabled?.runs ?? [], model.window.from, model.window.end).count).toBe(7);
  });

  it('measures each group’s load as the time its members may be running, summed', () => {
    const always = (name: string) => subject(name, { group: 'busy', timeLimit: 'PT1H', triggers: [at('2025-01-06T00:00:00', { repeat: { interval: 'PT30M' } })] });
    const { model } = modelOf([always('\\AGI_A'), always('\\AGI_B')], 1);
    expect(model.groups[0]?.load.declared?.demand).toBeCloseTo(2, 6);
    expect(model.groups[0]?.load.declared?.tasks).toBe(2);
  });

  it('marks a group over capacity when the engine says so', () => {
    expect(modelOf(calmFleet()).model.groups[0]?.load.declared?.overCapacity).toBeUndefined();
    const { model } = modelOf(calmFleet(), 7, ZONE, [OVER_CAPACITY]);
    expect(model.groups[0]?.load.declared?.overCapacity).toEqual({ message: OVER_CAPACITY.message, load: 1.44 });
  });

  it('points each conflict at its rows and at the instant it first happens, in the zone', () => {
    const { model, conflicts } = modelOf(mixedFleet(), 7, 'Asia/Seoul');
    const overlap = model.conflicts.find((c) => c.kind === 'overlap' && c.source === 'live');
    expect(overlap?.rows.map((i) => model.rows[i]?.path)).toEqual(['\\AGI_Health_Check', '\\AGI_Perf_Monitor']);
    expect(overlap?.rows.every((i) => model.rows[i]?.source === 'live')).toBe(true);
    expect(overlap?.firstAt).toBe('2025-01-06T09:00:00');
    expect(overlap?.at).toBe(T0);
    expect(model.conflictCounts.reduce((n, c) => n + c.count, 0)).toBe(conflicts.length);
  });

  it('keeps the table to the most severe conflicts and counts the rest', () => {
    const many = Array.from({ length: 1200 }, (_, i): Conflict => ({
      kind: 'duplicate', severity: i % 2 ? 'warning' : 'error', source: 'declared', tasks: ['\\AGI_Report'], message: `m${i}`,
    }));
    const { model } = modelOf(mixedFleet(), 1, ZONE, many);
    expect(model.conflicts).toHaveLength(model.conflictLimit);
    expect(model.conflicts.at(-1)?.severity).toBe('warning');
    expect(model.conflictCounts.filter((c) => c.kind === 'duplicate').reduce((n, c) => n + c.count, 0)).toBe(1200);
  });

  it('spells out control and bidi characters in task text', () => {
    const { model } = modelOf(hostileFleet());
    expect(model.rows[0]?.actions[0]).toBe(`python.exe ${HOSTILE_ARGS.replace('\u202E', '\\u202E')}`);
    expect(JSON.stringify(model)).not.toContain('\u202E');
  });
});

describe('timeline page (HTML)', () => {
  it('embeds the model as JSON that no task text can end early', () => {
    const hostile = renderFleet(hostileFleet()).text;
    expect(hostile.match(/<\/script>/gi)).toHaveLength(2);
    expect(hostile.match(/<script\b/gi)).toHaveLength(2);
    const json = /<script type="application\/json" id="timeline-data">(.*?)<\/script>/s.exec(hostile)?.[1] ?? '';
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const model = JSON.parse(json) as TimelineModel;
    expect(model.rows.map((r) => r.path)).toContain(HOSTILE_NAME);
    expect(model.conflicts.some((c) => c.message.includes(HOSTILE_NAME))).toBe(true);
    const tricky = { s: '</script><!--<script>\u2028\u2029&amp;' };
    expect(JSON.parse(scriptSafeJson(tricky))).toEqual(tricky);
  });

  it('is self-contained: no external script, style, font or image, and a policy that forbids fetching', () => {
    const { text } = renderFleet(mixedFleet());
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(text).not.toMatch(/<script[^>]+src=|<link\b|@import|url\((?!#)|https?:\/\//i);
  });

  it('ships a script that parses', () => {
    expect(() => new Function(PAGE_SCRIPT)).not.toThrow();
    expect(PAGE_SCRIPT).not.toContain('innerHTML');
  });

  it('stays small for a week of 1,000 tasks', () => {
    const { model } = modelOf(largeFleet(1000));
    const html = timelinePage(model);
    expect(Buffer.byteLength(html)).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);
});

describe('timeline picture (SVG)', () => {
  const { text: svg } = renderFleet(mixedFleet(), 'svg');
  const rowOf = (task: string, source = 'declared') => {
    const start = svg.indexOf(`<g class="row" data-task="${task}" data-source="${source}"`);
    return start < 0 ? '' : svg.slice(start, svg.indexOf('</g>', start));
  };
  const paths = (row: string, cls: string) => [...row.matchAll(new RegExp(`<path class="${cls}"[^>]* d="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');

  it('is well-formed XML with one row per task, live (before) above declared (after)', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.split('<g class="row"').length - 1).toBe(10);
    const groups = [...svg.matchAll(/<g class="group"(?: data-group="([^"]*)")? data-source="(\w+)">/g)].map((m) => `${m[2]}:${m[1] ?? '-'}`);
    expect(groups).toEqual(['live:agi', 'live:-', 'declared:agi', 'declared:-']);
  });

  it('marks overlap (upper half, ▼) and self-overlap (lower half, ●) on one row at once', () => {
    const report = rowOf('\\AGI_Report');
    // Collisions shorter than a pixel or two are shaded (…-density), longer ones solid: either way, each in its own half.
    expect(paths(report, 'overlap(?:-density)?').join('')).toMatch(/^M[\d.]+ 4h/);
    expect(paths(report, 'self-overlap(?:-density)?').join('')).toMatch(/^M[\d.]+ 10h/);
    expect(paths(report, 'overlap-mark')).toHaveLength(1);
    expect(paths(report, 'self-mark')).toHaveLength(1);
    expect(rowOf('\\AGI_Boot_Sync')).toContain('class="unpredictable"');
    expect(rowOf('\\AGI_Old_Job')).toContain('class="disabled-run"');
  });

  it('shades many short runs instead of drawing a solid bar', () => {
    // A 4-minute check every 15 minutes over a week: each run is under a pixel.
    const check = rowOf('\\AGI_Health_Check');
    expect(paths(check, 'run')).toEqual([]);
    expect(paths(check, 'run-density').length).toBeGreaterThan(0);
    expect(check).toMatch(/class="run-density" fill-opacity="0\.\d+"/);
  });

  it('escapes task text and keeps the last axis label inside the picture', () => {
    const hostile = renderFleet(hostileFleet(), 'svg').text;
    expect(XMLValidator.validate(hostile)).toBe(true);
    expect(hostile).not.toContain('<script>');
    const labels = [...svg.matchAll(/<text class="tick-label" x="([\d.]+)"[^>]*>([^<]*)</g)];
    const last = labels.at(-1);
    expect(Number(last?.[1]) + (last?.[2]?.length ?? 0) * 6.6).toBeLessThanOrEqual(1300);
    expect(svg).toContain(KOREAN.slice(-10));
  });

  it('is deterministic', () => {
    expect(renderFleet(mixedFleet(), 'svg').text).toBe(svg);
    const { runs, conflicts } = renderFleet(mixedFleet(), 'svg');
    expect(renderTimeline(mixedFleet(), runs, conflicts, { from: FROM, horizonMs: 7 * DAY, timeZone: ZONE, format: 'svg' })).toBe(svg);
  });
});
