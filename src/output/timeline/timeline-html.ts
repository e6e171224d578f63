/**
 * The timeline as a small self-contained HTML page: the SVG, then a table of
 * the conflicts it marks.
 */
import type { Conflict } from '../../conflicts/types.js';
import { sortConflicts } from '../../conflicts/sort-conflicts.js';
import { escapeXml } from './svg-text.js';

const PAGE_STYLE = `
  body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; margin: 16px; color: #1f2933; }
  .chart { overflow-x: auto; border: 1px solid #e4e7eb; }
  table { border-collapse: collapse; margin-top: 16px; font-size: 13px; }
  th, td { border: 1px solid #cbd2d9; padding: 4px 8px; text-align: left; vertical-align: top; }
  th { background: #f0f4f8; }
  tr.error td.severity { color: #c81e1e; font-weight: bold; }
  tr.warning td.severity { color: #a05a00; }
  tr.info td.severity { color: #2680c2; }
  td.suggestion { color: #1e6e3a; }
`;

export function timelineHtml(title: string, svg: string, conflicts: readonly Conflict[]): string {
  const rows = sortConflicts(conflicts).map(
    (c) =>
      `<tr class="${c.severity}"><td class="severity">${c.severity}</td><td>${escapeXml(c.kind)}</td><td>${c.source}</td>` +
      `<td>${c.tasks.map(escapeXml).join('<br>')}</td><td>${escapeXml(c.firstAt?.replace('T', ' ') ?? '')}</td>` +
      `<td>${escapeXml(c.message)}</td><td class="suggestion">${escapeXml(c.suggestion ?? '')}</td></tr>`,
  );
  const table =
    conflicts.length === 0
      ? '<p>No conflicts.</p>'
      : `<table class="conflicts"><thead><tr><th>severity</th><th>kind</th><th>source</th><th>tasks</th><th>first at</th><th>message</th><th>suggestion</th></tr></thead>` +
        `<tbody>\n${rows.join('\n')}\n</tbody></table>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>${PAGE_STYLE}</style></head>`,
    '<body>',
    `<h1>${escapeXml(title)}</h1>`,
    `<div class="chart">\n${svg}\n</div>`,
    `<h2>Conflicts</h2>`,
    table,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
