/**
 * The timeline as one static SVG (`--timeline FILE.svg`): the whole window, every kind
 * marked the way the page marks it, for places that take a picture but no script.
 * Deterministic: no ids but fixed pattern names, no clock, one decimal per coordinate.
 * Structure (tests rely on it): one `<g class="group" data-source=… data-group=…>` per
 * section, one `<g class="row" data-task=… data-source=…>` per task holding at most one
 * `path.run` (bars), `path.overlap`, `path.self-overlap`, `path.overlap-mark`, `path.self-mark`, and
 * `path.run-density` (…`-density`: short ones shaded, one path per shade), each bar one `M…z` subpath.
 */
import { geometry as G, type RunTable } from './timeline-geometry.js';
import type { TimelineModel, TimelineRow, TimelineSource } from './timeline-model.js';
import { escapeHtml as escapeXml, FONT_STACK } from './timeline-page.js';

const WIDTH = 1320;
const LABEL_RIGHT = 300;
const CHART_X = 310;
const CHART_W = 990;
const TOP = 112;
const ROW_H = 20;
const BAR_Y = 4;
const BAR_H = 12;
const HEAD_H = 26;
const BOTTOM = 30;
/** An average glyph at the label size, for fitting text without a font at hand. */
const CHAR_W = 6.6;

/** One decimal, no trailing `.0`. */
function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function fit(text: string, width: number): string {
  const max = Math.floor(width / CHAR_W);
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

const STYLE = `
  text { font-family: ${FONT_STACK}; fill: #1f2933; }
  .title { font-size: 16px; font-weight: bold; }
  .subtitle, .legend text { font-size: 12px; fill: #3e4c59; }
  .tick-label { font-size: 11px; fill: #52606d; }
  .grid-major { stroke: #bcccdc; } .grid-day { stroke: #829ab1; }
  .group-label { font-size: 13px; font-weight: bold; fill: #102a43; }
  .group-band { fill: #e9eef4; } .group-band.over { fill: url(#over-capacity); }
  .stripe { fill: #f5f7fa; }
  .label { font-size: 12px; }
  .label.error { font-weight: bold; } .label.disabled { fill: #7b8794; font-style: italic; }
  .run, .run-density { fill: #0072b2; } .overlap-density { fill: #d55e00; } .self-overlap-density { fill: #cc79a7; }
  .overlap { fill: url(#overlap); } .self-overlap { fill: url(#self-overlap); }
  .overlap-mark { fill: #d55e00; } .self-mark { fill: #cc79a7; }
  .unpredictable { fill: url(#unpredictable); opacity: 0.7; }
  .disabled-run { fill: none; stroke: #9aa5b1; stroke-dasharray: 3 2; }
  .sev-error { fill: #d55e00; } .sev-warning { fill: #e69f00; } .sev-info { fill: #0072b2; }
  .note { font-size: 11px; fill: #52606d; font-style: italic; }
  .run-label { font-size: 9px; fill: #ffffff; font-weight: bold; }
`;

const DEFS =
  '<defs>' +
  '<pattern id="overlap" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#d55e00"/><path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" stroke="#fff" stroke-opacity="0.85" stroke-width="1.2"/></pattern>' +
  '<pattern id="self-overlap" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="4" height="4" fill="#cc79a7"/><rect x="1" y="1" width="1.2" height="1.2" fill="#fff"/></pattern>' +
  '<pattern id="unpredictable" width="8" height="8" patternUnits="userSpaceOnUse"><path d="M0 0L8 8M-1 7L1 9M7 -1L9 1" stroke="#7b8794"/></pattern>' +
  '<pattern id="over-capacity" width="16" height="16" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="16" height="16" fill="#fff7e0"/><rect width="8" height="16" fill="#ffe8b0"/></pattern>' +
  '</defs>';

/** All spans of one kind in a row as one `<path>` of rectangles. */
function rects(cls: string, spans: readonly number[], y: number, h: number, attributes = ''): string {
  if (spans.length === 0) return '';
  let d = '';
  for (let i = 0; i < spans.length; i += 2) {
    const x0 = CHART_X + (spans[i] as number);
    const w = (spans[i + 1] as number) - (spans[i] as number);
    d += `M${px(x0)} ${px(y)}h${px(w)}v${h}h${px(-w)}z`;
  }
  return `<path class="${cls}"${attributes} d="${d}"/>`;
}

/**
 * Intervals at least `minBar` px wide as solid rectangles of class `cls`; narrower ones shade
 * their pixel column by the share of it they fill (`cls-density`, eight steps from `base` opacity).
 */
function layer(cls: string, intervals: Float64Array, model: TimelineModel, y: number, h: number, minBar: number, base: number): string {
  const { bars, density } = G.barsAndDensity(intervals, model.window.from, model.window.end, CHART_W, minBar);
  const byLevel = new Map<number, number[]>();
  const level = (v: number) => (v > 0 ? Math.min(8, Math.ceil(Math.min(1, v) * 8)) : 0);
  for (let c = 0; density && c < density.length; ) {
    const l = level(density[c] as number);
    let e = c + 1;
    while (e < density.length && level(density[e] as number) === l) e++;
    if (l > 0) (byLevel.get(l) ?? byLevel.set(l, []).get(l))?.push(c, e);
    c = e;
  }
  const inset = h > 8 ? 2 : 0;
  const shaded = [...byLevel.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([l, spans]) => rects(`${cls}-density`, spans, y + inset, h - 2 * inset, ` fill-opacity="${px(base + (1 - base) * 0.75 * (l / 8))}"`));
  return shaded.join('') + rects(cls, bars, y, h);
}

function markers(cls: string, spans: readonly number[], shape: (x: number) => string): string {
  let d = '';
  let last = -Infinity;
  for (let i = 0; i < spans.length; i += 2) {
    if ((spans[i] as number) - last < 12) continue;
    last = spans[i] as number;
    d += shape(CHART_X + last);
  }
  return d ? `<path class="${cls}" d="${d}"/>` : '';
}

interface Derived {
  table: RunTable;
  busy: Float64Array;
  self: Float64Array;
  overlay: Float64Array;
}

function derive(model: TimelineModel): Derived[] {
  const { from, end } = model.window;
  const derived = model.rows.map((r): Derived => {
    const table = G.decodeRuns(r.runs, from, end);
    return { table, busy: G.mergeBusy(table), self: G.selfOverlaps(table), overlay: new Float64Array(0) };
  });
  const sections = new Map<string, number[]>();
  model.rows.forEach((r, i) => {
    if (r.disabled || model.groups[r.group]?.name === undefined) return;
    const key = `${r.source}/${r.group}`;
    sections.set(key, [...(sections.get(key) ?? []), i]);
  });
  for (const members of sections.values()) {
    const overlays = G.collisionOverlays(members.map((i) => (derived[i] as Derived).busy));
    members.forEach((i, k) => ((derived[i] as Derived).overlay = overlays[k] as Float64Array));
  }
  return derived;
}

function row(model: TimelineModel, r: TimelineRow, d: Derived, y: number, stripe: boolean): string {
  const { from, end } = model.window;
  const parts = [`<g class="row" data-task="${escapeXml(r.path)}" data-source="${r.source}" transform="translate(0,${px(y)})">`];
  const runs = d.table.count;
  parts.push(`<title>${escapeXml(`${r.path} (${r.source}): ${runs} run${runs === 1 ? '' : 's'} in the window${r.kinds.length ? `; ${r.kinds.join(', ')}` : ''}`)}</title>`);
  if (stripe) parts.push(`<rect class="stripe" x="0" y="0" width="${WIDTH}" height="${ROW_H}"/>`);
  if (r.severity) parts.push(`<rect class="sev-${r.severity}" x="8" y="${ROW_H / 2 - 4}" width="8" height="8"${r.severity === 'info' ? ' rx="4"' : ''}/>`);
  const cls = ['label', r.disabled ? 'disabled' : r.severity === 'error' ? 'error' : ''].filter(Boolean).join(' ');
  parts.push(`<text class="${cls}" x="${LABEL_RIGHT}" y="${ROW_H - 6}" text-anchor="end">${escapeXml(fit(r.path, LABEL_RIGHT - 24))}</text>`);
  if (r.unpredictable.length > 0) parts.push(`<rect class="unpredictable" x="${CHART_X}" y="3" width="${CHART_W}" height="${ROW_H - 6}"/>`);
  if (r.disabled) {
    parts.push(rects('disabled-run', G.spans(d.busy, from, end, CHART_W, 1), BAR_Y + 0.5, BAR_H - 1));
  } else {
    parts.push(
      layer('run', d.busy, model, BAR_Y, BAR_H, 3, 0.16),
      layer('self-overlap', d.self, model, BAR_Y + BAR_H / 2, BAR_H / 2, 2, 0.35),
      layer('overlap', d.overlay, model, BAR_Y, BAR_H / 2, 2, 0.35),
    );
    const self = G.spans(d.self, from, end, CHART_W, 1);
    const over = G.spans(d.overlay, from, end, CHART_W, 1);
    parts.push(markers('overlap-mark', over, (x) => `M${px(x - 4)} 0h8l-4 ${BAR_Y}z`));
    parts.push(markers('self-mark', self, (x) => `M${px(x - 2.5)} ${ROW_H - 2.5}a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0z`));
    if (r.unbounded && d.table.count > 0) {
      const x = CHART_X + ((d.table.start[0] as number) - from) * (CHART_W / (end - from));
      if (CHART_X + CHART_W - x > 180) parts.push(`<text class="run-label" x="${px(x + 4)}" y="${BAR_Y + BAR_H - 3}">no time limit: runs until stopped →</text>`);
    }
  }
  const note = runs === 0 ? (r.disabled ? 'disabled' : r.unpredictable.length > 0 ? `starts ${r.unpredictable.join(', ')}` : 'no runs in this window')
    : r.disabled ? 'disabled: dashed where it would run once enabled' : undefined;
  if (note) parts.push(`<text class="note" x="${CHART_X + 6}" y="${ROW_H - 6}">${escapeXml(note)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

function legend(y: number): string {
  const items: [string, string][] = [
    ['<rect class="run" x="0" y="2" width="18" height="10"/>', 'may be running'],
    ['<rect class="run-density" fill-opacity="0.4" x="0" y="4" width="18" height="6"/>', 'many short runs (shade = share of time)'],
    ['<rect class="run" x="0" y="2" width="18" height="10"/><rect class="overlap" x="0" y="2" width="18" height="5"/><path class="overlap-mark" d="M5 -3h8l-4 5z"/>', 'overlap in its group'],
    ['<rect class="run" x="0" y="2" width="18" height="10"/><rect class="self-overlap" x="0" y="7" width="18" height="5"/><circle class="self-mark" cx="9" cy="15" r="2.5"/>', 'self-overlap'],
    ['<rect class="unpredictable" x="0" y="0" width="18" height="14"/>', 'unpredictable start'],
    ['<rect class="disabled-run" x="0.5" y="2.5" width="17" height="9"/>', 'disabled (would run)'],
    ['<rect class="group-band over" x="0" y="0" width="18" height="14"/>', 'group over capacity'],
  ];
  let x = 10;
  const out = items.map(([swatch, text]) => {
    const item = `<g transform="translate(${x},${y})">${swatch}<text x="24" y="11">${escapeXml(text)}</text></g>`;
    x += 34 + text.length * 6.2;
    return item;
  });
  return `<g class="legend">${out.join('')}</g>`;
}

function axis(model: TimelineModel, top: number, bottom: number): string {
  const { from, end } = model.window;
  const ticks = G.axisTicks(from, end, CHART_W, model.zone.offsets);
  const lines = [
    ...ticks.minor.map((x) => `<line class="grid-major" stroke-opacity="0.4" x1="${px(CHART_X + x)}" y1="${top}" x2="${px(CHART_X + x)}" y2="${px(bottom)}"/>`),
    ...ticks.major.map((x) => `<line class="grid-major" x1="${px(CHART_X + x)}" y1="${top - 4}" x2="${px(CHART_X + x)}" y2="${px(bottom)}"/>`),
    ...ticks.days.filter((d) => d.x > 0).map((d) => `<line class="grid-day" x1="${px(CHART_X + d.x)}" y1="${top - 18}" x2="${px(CHART_X + d.x)}" y2="${px(bottom)}"/>`),
  ];
  // Every label starts at its tick, except one that would run past the right edge: it ends there.
  const place = (labels: { x: number; text: string }[], y: number) => {
    let lastRight = -Infinity;
    const out: string[] = [];
    for (const label of labels) {
      const width = label.text.length * CHAR_W;
      const x = Math.min(label.x + 3, CHART_W - width);
      if (x < lastRight + 4) continue;
      lastRight = x + width;
      out.push(`<text class="tick-label" x="${px(CHART_X + x)}" y="${y}">${escapeXml(label.text)}</text>`);
    }
    return out;
  };
  return `<g class="grid">${lines.join('')}${place(ticks.days, top - 20).join('')}${place(ticks.labels, top - 6).join('')}</g>`;
}

export function timelineSvg(model: TimelineModel): string {
  const derived = derive(model);
  const both = model.sources.length === 2;
  const order: TimelineSource[] = both ? ['live', 'declared'] : model.sources;
  const body: string[] = [];
  let y = TOP;
  for (const source of order) {
    model.groups.forEach((group, g) => {
      const members = model.rows.map((r, i) => [r, i] as const).filter(([r]) => r.source === source && r.group === g);
      if (members.length === 0) return;
      const load = group.load[source];
      const over = load?.overCapacity;
      const name = group.name === undefined ? 'no group' : `group ${group.name}`;
      const title = `${both ? (source === 'live' ? 'before (live) · ' : 'after (declared) · ') : ''}${name} · ${members.length} task${members.length === 1 ? '' : 's'}` +
        (load ? ` · load ${Math.round(load.demand * 100)}%` : '') + (over ? ` · OVER CAPACITY: ${over.message}` : '');
      body.push(`<g class="group"${group.name !== undefined ? ` data-group="${escapeXml(group.name)}"` : ''} data-source="${source}">`);
      body.push(`<rect class="group-band${over ? ' over' : ''}" x="0" y="${px(y + 2)}" width="${WIDTH}" height="${HEAD_H - 4}"/>`);
      body.push(`<text class="group-label" x="10" y="${px(y + 18)}">${escapeXml(fit(title, WIDTH - 20))}</text>`);
      y += HEAD_H;
      members.forEach(([r, i], k) => {
        body.push(row(model, r, derived[i] as Derived, y, k % 2 === 1));
        y += ROW_H;
      });
      body.push('</g>');
    });
  }
  const height = y + BOTTOM;
  const counts = model.conflictCounts.reduce((n, c) => n + c.count, 0);
  const runs = derived.reduce((n, d, i) => n + (model.rows[i]?.disabled ? 0 : d.table.count), 0);
  const subtitle = `${model.rows.length} task${model.rows.length === 1 ? '' : 's'} · ${runs} run${runs === 1 ? '' : 's'} · ${counts} conflict${counts === 1 ? '' : 's'}` +
    (both ? ' · before (live) above, after (declared) below' : '');
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${px(height)}" viewBox="0 0 ${WIDTH} ${px(height)}" role="img">`,
    `<title>${escapeXml(model.title)}</title>`,
    `<style>${STYLE}</style>`,
    DEFS,
    `<rect fill="#ffffff" x="0" y="0" width="${WIDTH}" height="${px(height)}"/>`,
    `<text class="title" x="10" y="22">${escapeXml(model.title)}</text>`,
    `<text class="subtitle" x="10" y="40">${escapeXml(subtitle)}</text>`,
    legend(52),
    axis(model, TOP, y),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
