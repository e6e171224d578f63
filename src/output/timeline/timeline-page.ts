/**
 * The timeline as one self-contained HTML page: markup, style, the model as JSON and the
 * script that draws it, all inline. Nothing is fetched (a Content-Security-Policy forbids
 * it), so the file works opened from disk or attached to a ticket.
 *
 * Task text is hostile input: the model goes in as JSON with every `<`, `>`, `&` and line
 * separator escaped (no `</script>` can end the block early), the page puts task text into
 * the document only as text nodes, and the few strings in the markup pass `escapeHtml`.
 */
import { PAGE_SCRIPT } from './page-script.js';
import { timelineGeometry } from './timeline-geometry.js';
import type { TimelineModel } from './timeline-model.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** JSON that is also inert inside `<script>`: the characters HTML or old JS parsers read specially, as `\uXXXX`. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Covers Latin, Hangul, Kana and Han wherever the system has such a font; no font is downloaded. */
export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", ' +
  '"Apple SD Gothic Neo", "Yu Gothic UI", "Microsoft YaHei", "DejaVu Sans", Arial, sans-serif';

const STYLE = `
:root { --label-w: clamp(170px, 22vw, 300px); --line-h: 22px; --head-h: 30px; --ink: #1f2933; --muted: #52606d;
  --rule: #cbd2d9; --run: #0072b2; --overlap: #d55e00; --self: #cc79a7; --over: #e69f00; --hl: #f0e442;
  font-family: ${FONT_STACK}; color: var(--ink); }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; padding: 16px 20px 32px; max-width: 100%; overflow-x: hidden; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 4px 0; }
.summary, .hint, .counts { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 12px 0 8px; }
.controls .zoom { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
button { font: inherit; font-size: 13px; padding: 3px 10px; border: 1px solid #9aa5b1; border-radius: 4px; background: #f5f7fa; color: var(--ink); cursor: pointer; }
button:hover { background: #e4e7eb; }
button:focus-visible, .line:focus-visible, tr:focus-visible { outline: 2px solid #102a43; outline-offset: -2px; }
#view-range { font-size: 13px; font-variant-numeric: tabular-nums; color: var(--muted); }
fieldset.views { border: 0; padding: 0; margin: 0; display: flex; gap: 10px; font-size: 13px; align-items: center; }
fieldset.views legend { float: left; padding: 0 6px 0 0; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 12px; margin: 6px 0 10px; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; max-width: 100%; }
.legend canvas, .legend .swatch { width: 44px; height: 22px; flex: none; border: 1px solid #e4e7eb; }
.legend .swatch.over { background: repeating-linear-gradient(135deg, var(--over) 0 6px, #fff7e0 6px 12px); }
#chart { position: relative; border: 1px solid var(--rule); border-radius: 4px; }
.axis-row { position: relative; height: 46px; border-bottom: 1px solid var(--rule); background: #f5f7fa; overflow: hidden; }
.axis-row .corner { position: absolute; left: 0; top: 0; bottom: 0; width: var(--label-w); padding: 6px 8px; font-size: 12px; color: var(--muted); }
.axis { position: absolute; top: 0; bottom: 0; overflow: hidden; cursor: zoom-in; }
.axis .lane-title { position: absolute; left: 0; right: 0; top: 2px; font-size: 11px; font-weight: 600; color: #102a43; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.axis .day, .axis .tick { position: absolute; font-size: 11px; white-space: nowrap; font-variant-numeric: tabular-nums; padding-left: 3px; border-left: 1px solid #9aa5b1; line-height: 14px; }
.axis .day { top: 16px; font-weight: 600; color: #243b53; }
.axis .tick { top: 30px; color: var(--muted); }
#scroller { position: relative; max-height: 72vh; overflow-y: auto; overflow-x: hidden; }
#plot { position: sticky; top: 0; display: block; z-index: 1; }
#lines { position: relative; }
.group-head { position: relative; z-index: 2; height: var(--head-h); display: flex; align-items: center; gap: 12px; padding: 0 8px; background: #e9eef4;
  border-top: 1px solid #9fb3c8; font-size: 13px; white-space: nowrap; overflow: hidden; }
.group-head .name { font-weight: 700; color: #102a43; flex: none; }
.group-head .load { color: var(--muted); overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.group-head.over { background: repeating-linear-gradient(135deg, #ffe8b0 0 8px, #fff7e0 8px 16px); border-top: 3px solid var(--over); }
.group-head .flag { flex: none; font-weight: 700; color: #7a3e00; border: 1px solid #7a3e00; border-radius: 3px; padding: 0 4px; background: #fff; }
.line { height: var(--line-h); width: var(--label-w); display: flex; align-items: center; gap: 5px; padding: 0 8px; font-size: 12px; cursor: default; }
.line:nth-child(even of .line) { background: #f5f7fa; }
.line .folder, .line .name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; unicode-bidi: isolate; }
.line .folder { flex: 0 1000 auto; min-width: 1.4em; color: var(--muted); }
.line .name { flex: 0 1 auto; }
.line.disabled .name { color: #7b8794; font-style: italic; }
.line.hl { background: #fbf6b5; box-shadow: inset 4px 0 0 #102a43; }
.sev { flex: none; width: 10px; height: 10px; }
.sev.error { background: var(--overlap); }
.sev.warning { width: 0; height: 0; border-left: 6px solid transparent; border-right: 6px solid transparent; border-bottom: 10px solid var(--over); }
.sev.info { border-radius: 50%; background: var(--run); }
.sev.none { visibility: hidden; }
#tooltip { position: fixed; z-index: 10; max-width: min(440px, calc(100vw - 16px)); background: #102a43; color: #fff; font-size: 12px; line-height: 1.45;
  padding: 8px 10px; border-radius: 4px; box-shadow: 0 4px 14px rgba(0,0,0,.25); pointer-events: none; overflow-wrap: anywhere; }
#tooltip[hidden] { display: none; }
#tooltip .t { font-weight: 700; font-size: 13px; margin-bottom: 2px; unicode-bidi: isolate; }
#tooltip dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 8px; margin: 4px 0 0; }
#tooltip dt { color: #9fb3c8; }
#tooltip dd { margin: 0; unicode-bidi: isolate; }
#tooltip .bad { color: #ffb38a; font-weight: 600; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f4f8; }
col.c-sev { width: 76px; } col.c-kind { width: 104px; } col.c-src { width: 80px; } col.c-tasks { width: 22%; } col.c-at { width: 92px; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #f5f7fa; }
tbody tr.selected { background: #fbf6b5; }
td.severity { font-weight: 600; white-space: nowrap; }
td.severity .sev { display: inline-block; margin-right: 4px; vertical-align: -1px; }
td .path { display: block; unicode-bidi: isolate; }
td .suggestion { color: #1d4f91; margin-top: 3px; }
.more { margin-top: 8px; }
footer { margin-top: 16px; font-size: 11px; color: var(--muted); }
@media print {
  body { padding: 0; }
  .controls, .hint, #tooltip, .more, button { display: none !important; }
  #scroller { max-height: none; overflow: visible; }
  #plot { position: static; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tbody tr { break-inside: avoid; }
}
`;

/** The whole page. */
export function timelinePage(model: TimelineModel): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(model.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
<p class="summary" id="summary"></p>
</header>
<noscript><p>This page draws the schedule with JavaScript; <code>--timeline FILE.svg</code> writes a static picture instead.</p></noscript>
<section class="controls" aria-label="View">
<div class="zoom">
<button type="button" data-act="zoom-out" title="Zoom out (−)" aria-label="Zoom out">−</button>
<button type="button" data-act="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" data-act="fit" title="The whole window (0)">Whole window</button>
<button type="button" data-act="busiest" title="The hour with the most run time (B)">Busiest hour</button>
<span id="view-range" aria-live="polite"></span>
</div>
<fieldset class="views" id="views" hidden><legend>Show</legend>
<label><input type="radio" name="view" value="both" checked> before and after</label>
<label><input type="radio" name="view" value="live"> before (live)</label>
<label><input type="radio" name="view" value="declared"> after (declared)</label>
</fieldset>
</section>
<p class="hint">Zoom: Ctrl + wheel (or wheel over the time axis), the buttons, or + and −; pan: drag, Shift + wheel, or ← →; 0 shows the whole window, B the busiest hour. Point at a run for its details, or Tab to a task and step through its runs with ← → (Shift + ← → for its other side). Click a conflict below to see it.</p>
<ul class="legend" id="legend" aria-label="Legend"></ul>
<section id="chart" aria-label="Timeline">
<div class="axis-row" id="axis-row"><div class="corner">task</div></div>
<div id="scroller"><canvas id="plot"></canvas><div id="lines"></div></div>
</section>
<div id="tooltip" role="tooltip" hidden></div>
<section aria-labelledby="conflicts-title">
<h2 id="conflicts-title">Conflicts</h2>
<p class="counts" id="counts"></p>
<table id="conflicts"><colgroup><col class="c-sev"><col class="c-kind"><col class="c-src"><col class="c-tasks"><col class="c-at"><col></colgroup>
<thead><tr><th>severity</th><th>kind</th><th>source</th><th>tasks</th><th>first at</th><th>what and why</th></tr></thead><tbody></tbody></table>
<button type="button" class="more" id="more" hidden></button>
</section>
<footer>Drawn by taskctl list-conflicts --timeline. Times are wall-clock times in ${escapeHtml(model.zone.name)}.</footer>
<script type="application/json" id="timeline-data">${scriptSafeJson(model)}</script>
<script>
"use strict";
const timelineGeometry = ${timelineGeometry.toString()};
${PAGE_SCRIPT}
</script>
</body>
</html>
`;
}
