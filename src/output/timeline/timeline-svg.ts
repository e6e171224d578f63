/**
 * The timeline as SVG text. Deterministic: no ids, no clock, fixed number format.
 * Structure (tests rely on it): one `<g class="group">` per section, one
 * `<g class="row" data-task=… data-source=…>` per task holding at most one
 * `path.run` (the bars), `path.self-overlap` (amber), `path.overlap` (red) and
 * `path.overlap-mark` (markers); each bar or marker is one `M…z` subpath.
 */
import { summarizeConflicts } from '../conflicts-text.js';
import type { Conflict } from '../../conflicts/types.js';
import { escapeXml, px, truncate } from './svg-text.js';
import type { Tick } from './timeline-axis.js';
import type { TimelineRow, TimelineSection } from './timeline-rows.js';
import { LAYOUT, type PxSpan } from './timeline-scale.js';

export interface TimelineSvgInput {
  sections: TimelineSection[];
  ticks: Tick[];
  /** `2025-01-01 00:00 → 2025-01-08 00:00 (Europe/Berlin)`. */
  window: string;
  runCount: number;
  conflicts: readonly Conflict[];
}

const STYLE = `
  .background { fill: #ffffff; }
  text { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; fill: #1f2933; }
  .title { font-size: 16px; font-weight: bold; }
  .subtitle, .legend text { font-size: 12px; fill: #3e4c59; }
  .tick-label { font-size: 11px; fill: #52606d; }
  .grid-major { stroke: #9aa5b1; stroke-width: 1; }
  .grid-minor { stroke: #e4e7eb; stroke-width: 1; }
  .group-label { font-size: 13px; font-weight: bold; fill: #102a43; }
  .group-rule { stroke: #486581; stroke-width: 1; }
  .stripe { fill: #f5f7fa; }
  .label { font-size: 12px; }
  .label.error { fill: #c81e1e; font-weight: bold; }
  .label.warning { fill: #a05a00; }
  .label.disabled { fill: #9aa5b1; font-style: italic; }
  .run { fill: #2f80ed; }
  .overlap { fill: #e02424; fill-opacity: 0.85; }
  .self-overlap { fill: #f59e0b; fill-opacity: 0.85; }
  .overlap-mark { fill: #c81e1e; }
  .run-label { font-size: 9px; fill: #ffffff; font-weight: bold; }
  .note { font-size: 11px; fill: #7b8794; font-style: italic; }
`;

function legend(y: number): string {
  const item = (x: number, swatch: string, text: string) =>
    `<g transform="translate(${x},${y})">${swatch}<text x="22" y="10">${escapeXml(text)}</text></g>`;
  return (
    `<g class="legend">` +
    item(10, '<rect class="run" x="0" y="2" width="16" height="10"/>', 'may be running (start … start + random delay + time limit)') +
    item(420, '<rect class="overlap" x="0" y="2" width="16" height="10"/><path class="overlap-mark" d="M4,0 h8 l-4,5 z"/>', 'runs at the same time as another task of its group') +
    item(780, '<rect class="self-overlap" x="0" y="2" width="16" height="10"/>', 'starts again while its own last run may still be going') +
    `</g>`
  );
}

/**
 * All bars of one kind in a row as one `<path>` of rectangles (`M x y h w v h h -w z`
 * per bar): a week of a 1,000-task fleet stays a few megabytes.
 */
function bars(kind: string, spans: readonly PxSpan[], y: number): string {
  if (spans.length === 0) return '';
  const h = LAYOUT.barHeight;
  const d = spans.map((s) => `M${px(s.x0)} ${px(y)}h${px(s.x1 - s.x0)}v${h}h${px(s.x0 - s.x1)}z`).join('');
  return `<path class="${kind}" d="${d}"/>`;
}

function row(r: TimelineRow, y: number, index: number): string {
  const { rowHeight, barHeight, width, labelWidth, chartX } = LAYOUT;
  const barY = (rowHeight - barHeight) / 2 + 1;
  const classes = ['label', r.disabled ? 'disabled' : (r.severity === 'error' || r.severity === 'warning' ? r.severity : '')].filter(Boolean).join(' ');
  const parts = [
    `<g class="row" data-task="${escapeXml(r.path)}" data-source="${r.source}" transform="translate(0,${px(y)})">`,
    `<title>${escapeXml(`${r.path} (${r.source}): ${r.runCount} run${r.runCount === 1 ? '' : 's'} in the window`)}</title>`,
    index % 2 === 1 ? `<rect class="stripe" x="0" y="0" width="${width}" height="${rowHeight}"/>` : '',
    `<text class="${classes}" x="${labelWidth}" y="${rowHeight - 5}" text-anchor="end">${escapeXml(truncate(r.path, 44))}</text>`,
    bars('run', r.bars, barY),
    bars('self-overlap', r.selfOverlaps, barY),
    bars('overlap', r.overlaps, barY),
    r.markers.length > 0
      ? `<path class="overlap-mark" d="${r.markers.map((x) => `M${px(x - 4)} 0h8l-4 ${px(barY + 1)}z`).join('')}"/>`
      : '',
    r.unboundedFrom !== undefined
      ? `<text class="run-label" x="${px(r.unboundedFrom + 4)}" y="${px(barY + barHeight - 2)}">no time limit: runs until stopped →</text>`
      : '',
    r.note ? `<text class="note" x="${chartX + 6}" y="${rowHeight - 5}">${escapeXml(r.note)}</text>` : '',
    `</g>`,
  ];
  return parts.filter(Boolean).join('');
}

function axis(ticks: readonly Tick[], top: number, bottom: number): string {
  const lines = ticks.map(
    (t) => `<line class="${t.major ? 'grid-major' : 'grid-minor'}" x1="${px(t.x)}" y1="${top - 4}" x2="${px(t.x)}" y2="${px(bottom)}"/>`,
  );
  const labels = ticks
    .filter((t) => t.label !== undefined)
    .flatMap((t) => [
      `<text class="tick-label" x="${px(t.x + 3)}" y="${top - 8}">${escapeXml(t.label ?? '')}</text>`,
      `<text class="tick-label" x="${px(t.x + 3)}" y="${px(bottom + 14)}">${escapeXml(t.label ?? '')}</text>`,
    ]);
  return `<g class="grid">${lines.join('')}${labels.join('')}</g>`;
}

export function timelineSvg(input: TimelineSvgInput): string {
  const { width, top, rowHeight, groupHeaderHeight, bottom, labelWidth } = LAYOUT;
  const body: string[] = [];
  let y = top;
  for (const section of input.sections) {
    const title = `${section.source} · ${section.group !== undefined ? `group ${section.group}` : 'no group'} (${section.rows.length} task${section.rows.length === 1 ? '' : 's'})`;
    const groupAttr = section.group !== undefined ? ` data-group="${escapeXml(section.group)}"` : '';
    body.push(`<g class="group"${groupAttr} data-source="${section.source}">`);
    body.push(`<line class="group-rule" x1="10" y1="${px(y + 4)}" x2="${width - 10}" y2="${px(y + 4)}"/>`);
    body.push(`<text class="group-label" x="10" y="${px(y + 18)}">${escapeXml(title)}</text>`);
    y += groupHeaderHeight;
    section.rows.forEach((r, i) => {
      body.push(row(r, y, i));
      y += rowHeight;
    });
    body.push('</g>');
  }
  const height = y + bottom;
  const overlaps = input.conflicts.filter((c) => c.kind === 'overlap').length;
  const tasks = input.sections.reduce((n, s) => n + s.rows.length, 0);
  const subtitle =
    `${tasks} task${tasks === 1 ? '' : 's'} · ${input.runCount} run${input.runCount === 1 ? '' : 's'} · ` +
    `${overlaps} overlapping pair${overlaps === 1 ? '' : 's'} · ${summarizeConflicts(input.conflicts)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${px(height)}" viewBox="0 0 ${width} ${px(height)}" role="img">`,
    `<title>${escapeXml(`taskctl schedule ${input.window}`)}</title>`,
    `<style>${STYLE}</style>`,
    `<rect class="background" x="0" y="0" width="${width}" height="${px(height)}"/>`,
    `<text class="title" x="10" y="22">${escapeXml(`Schedule ${input.window}`)}</text>`,
    `<text class="subtitle" x="10" y="40">${escapeXml(subtitle)}</text>`,
    legend(50),
    `<text class="tick-label" x="${labelWidth}" y="${top - 8}" text-anchor="end">task</text>`,
    axis(input.ticks, top, y),
    ...body,
    '</svg>',
  ].join('\n');
}
