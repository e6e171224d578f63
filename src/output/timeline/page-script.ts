/**
 * The page's script (the browser's side of `timeline-page.ts`): reads the embedded model,
 * derives busy time and collisions with the shared geometry, and draws the visible rows on
 * one canvas per frame, so a week of 1,000 tasks zooms as fast as a week of ten. Labels,
 * axis, tooltip and table are HTML (selectable, printable, readable by tests and screen
 * readers); task text only ever enters the document through `textContent`.
 *
 * It is kept as text (no DOM types in this project's compiler settings); the browser tests
 * run it, and a unit test checks that it parses. No backticks or `${` inside.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  const G = timelineGeometry();
  const data = JSON.parse(document.getElementById('timeline-data').textContent);
  const W = data.window;
  const OFF = data.zone.offsets;
  const FULL = W.end - W.from;
  const MIN_SPAN = Math.min(10 * G.MINUTE, FULL);
  const LINE_H = 22, BAR_Y = 5, BAR_H = 12, GAP = 14;
  const C = { run: '#0072b2', overlap: '#d55e00', self: '#cc79a7', over: '#e69f00', hl: 'rgba(240,228,66,0.55)', grid: '#e4e7eb', gridMajor: '#bcccdc',
    gridDay: '#829ab1', stripe: '#f5f7fa', muted: '#52606d', unpredictable: '#7b8794', disabled: '#9aa5b1' };
  const FONT = getComputedStyle(document.documentElement).fontFamily;
  const SOURCE_NAME = { live: 'before (live)', declared: 'after (declared)' };
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fmt = (t, style) => G.formatWall(G.wallOf(t, OFF), style || 'datetime');
  const plural = (n, word) => n.toLocaleString('en-US') + ' ' + word + (n === 1 ? '' : 's');
  const duration = (ms) => {
    if (ms >= G.DAY) { const d = ms / G.DAY; return (Number.isInteger(d) ? d : d.toFixed(1)) + (d === 1 ? ' day' : ' days'); }
    if (ms >= G.HOUR) return Math.floor(ms / G.HOUR) + ' h' + (ms % G.HOUR ? ' ' + Math.round((ms % G.HOUR) / G.MINUTE) + ' min' : '');
    if (ms >= G.MINUTE) return Math.round(ms / G.MINUTE) + ' min';
    return Math.round(ms / 1000) + ' s';
  };

  // ---- derived data: runs, busy time, collisions (sort and sweep per group) ----
  const EMPTY = new Float64Array(0);
  let rows = [];
  function derive() {
    rows = data.rows.map(function (r, index) {
      const table = G.decodeRuns(r.runs, W.from, W.end);
      let unboundedFrom = Infinity;
      for (const s of r.runs) if (s[4] < 0) unboundedFrom = Math.min(unboundedFrom, W.from + s[2]);
      return Object.assign({}, r, { index: index, table: table, busy: G.mergeBusy(table), self: G.selfOverlaps(table), overlay: EMPTY,
        members: [], unboundedFrom: unboundedFrom });
    });
    const sections = new Map();
    for (const r of rows) {
      if (r.disabled || data.groups[r.group].name === undefined) continue;
      const key = r.source + '/' + r.group;
      if (!sections.has(key)) sections.set(key, []);
      sections.get(key).push(r);
    }
    for (const members of sections.values()) {
      const overlays = G.collisionOverlays(members.map((m) => m.busy));
      members.forEach(function (m, i) { m.overlay = overlays[i]; m.members = members; });
    }
  }

  // ---- state ----
  const both = data.sources.length === 2;
  const state = { mode: both ? 'both' : data.sources[0] || 'declared', from: W.from, to: W.end, highlight: new Set(), mark: undefined,
    cursor: undefined, pinned: false, printing: false };
  let lines = [], lineEls = [], tops = [], lanes = [], labelW = 0, plotW = 0, viewH = 0, axisCache;

  function laneSources() { return state.mode === 'both' ? ['live', 'declared'] : [state.mode]; }

  // ---- lines: one per task path and group; in "both", its live row beside its declared row ----
  function buildLines() {
    const shown = laneSources();
    const container = $('lines');
    container.textContent = '';
    lines = [];
    lineEls = [];
    data.groups.forEach(function (group, g) {
      const byPath = new Map();
      for (const r of rows) {
        if (r.group !== g || shown.indexOf(r.source) < 0) continue;
        const key = r.path.toLowerCase();
        if (!byPath.has(key)) byPath.set(key, { group: g, path: r.path, lanes: {} });
        const line = byPath.get(key);
        line.lanes[r.source] = r;
        if (r.source === 'declared') line.path = r.path;
      }
      if (byPath.size === 0) return;
      container.appendChild(groupHead(group, byPath.size, shown));
      const sorted = Array.from(byPath.values()).sort((a, b) => (a.path.toLowerCase() < b.path.toLowerCase() ? -1 : 1));
      for (const line of sorted) {
        line.index = lines.length;
        lines.push(line);
        const e = lineLabel(line);
        lineEls.push(e);
        container.appendChild(e);
      }
    });
    tops = lineEls.map((e) => e.offsetTop);
  }

  function groupHead(group, count, shown) {
    const head = el('div', 'group-head');
    head.appendChild(el('span', 'name', group.name === undefined ? 'no group' : 'group ' + group.name));
    const parts = [plural(count, 'task')];
    let over;
    for (const source of shown) {
      const load = group.load[source];
      if (!load) continue;
      const text = 'load ' + Math.round(load.demand * 100) + '%';
      parts.push(shown.length > 1 ? SOURCE_NAME[source] + ': ' + text : text);
      if (load.overCapacity) over = { source: source, load: load.overCapacity };
    }
    if (over) {
      head.classList.add('over');
      const figure = over.load.load !== undefined ? ' ' + Math.round(over.load.load * 100) + '%' : '';
      head.appendChild(el('span', 'flag', (shown.length > 1 ? (over.source === 'live' ? 'before: ' : 'after: ') : '') + 'over capacity' + figure));
      head.title = over.load.message;
    }
    const load = el('span', 'load', parts.join(' · ') + (over ? ' · ' + over.load.message : ''));
    load.title = 'load: the time each task may be running, summed, over the window (200% = two running at once on average)' +
      (over ? '. ' + over.load.message : '');
    head.appendChild(load);
    return head;
  }

  const RANK = { error: 0, warning: 1, info: 2 };
  function lineLabel(line) {
    const rowsOf = Object.values(line.lanes);
    const worst = rowsOf.map((r) => r.severity).filter(Boolean).sort((a, b) => RANK[a] - RANK[b])[0];
    const e = el('div', 'line');
    e.tabIndex = 0;
    e.dataset.line = String(line.index);
    e.setAttribute('aria-label', line.path + (worst ? ' (' + worst + ')' : ''));
    if (rowsOf.every((r) => r.disabled)) e.classList.add('disabled');
    const sev = el('span', 'sev ' + (worst || 'none'));
    if (worst) sev.title = worst;
    e.appendChild(sev);
    const cut = line.path.lastIndexOf('\\');
    if (cut > 0) e.appendChild(el('span', 'folder', line.path.slice(0, cut + 1)));
    e.appendChild(el('span', 'name', line.path.slice(cut + 1)));
    return e;
  }

  // ---- layout: label column, then one lane per shown source ----
  function layout() {
    const scroller = $('scroller');
    labelW = parseFloat(getComputedStyle(lineEls[0] || $('lines')).width) || 200;
    if (!lineEls[0]) labelW = parseFloat(getComputedStyle(document.querySelector('.axis-row .corner')).width) || 200;
    plotW = Math.max(120, scroller.clientWidth - labelW - 8);
    const shown = laneSources();
    const laneW = (plotW - GAP * (shown.length - 1)) / shown.length;
    lanes = shown.map((source, i) => ({ source: source, x: i * (laneW + GAP), w: laneW }));
    viewH = state.printing ? $('lines').offsetHeight : Math.min(scroller.clientHeight, Math.max($('lines').offsetHeight, 1));
    const canvas = $('plot');
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(plotW * dpr);
    canvas.height = Math.round(viewH * dpr);
    canvas.style.width = plotW + 'px';
    canvas.style.height = viewH + 'px';
    canvas.style.marginLeft = labelW + 'px';
    canvas.style.marginBottom = -viewH + 'px';
    const axisRow = $('axis-row');
    for (const old of axisRow.querySelectorAll('.axis')) old.remove();
    for (const lane of lanes) {
      const a = el('div', 'axis');
      a.dataset.source = lane.source;
      a.style.left = labelW + lane.x + 'px';
      a.style.width = lane.w + 'px';
      const title = lane.source === 'live' ? (both ? 'Before: live now' : 'Live: what runs now') : both ? 'After: declared, what apply makes' : 'Declared: what apply makes';
      a.appendChild(el('div', 'lane-title', title));
      axisRow.appendChild(a);
      lane.axis = a;
    }
    axisCache = undefined;
  }

  // ---- drawing ----
  const canvas = $('plot');
  const ctx = canvas.getContext('2d');
  function pattern(size, paint) {
    const c = document.createElement('canvas');
    c.width = c.height = size;
    paint(c.getContext('2d'));
    return ctx.createPattern(c, 'repeat');
  }
  const HATCH = pattern(6, function (p) {
    p.fillStyle = C.overlap; p.fillRect(0, 0, 6, 6);
    p.strokeStyle = 'rgba(255,255,255,0.85)'; p.lineWidth = 1.2;
    p.beginPath(); p.moveTo(0, 6); p.lineTo(6, 0); p.moveTo(-1, 1); p.lineTo(1, -1); p.moveTo(5, 7); p.lineTo(7, 5); p.stroke();
  });
  const DOTS = pattern(4, function (p) { p.fillStyle = C.self; p.fillRect(0, 0, 4, 4); p.fillStyle = '#fff'; p.fillRect(1, 1, 1.2, 1.2); });
  const UNPREDICTABLE = pattern(8, function (p) {
    p.strokeStyle = C.unpredictable; p.lineWidth = 1;
    p.beginPath(); p.moveTo(0, 0); p.lineTo(8, 8); p.moveTo(-1, 7); p.lineTo(1, 9); p.moveTo(7, -1); p.lineTo(9, 1); p.stroke();
  });

  function xOf(t, lane) { return lane.x + ((t - state.from) / (state.to - state.from)) * lane.w; }

  function drawGrid(g, lane, height) {
    const axis = axisCache || (axisCache = G.axisTicks(state.from, state.to, lane.w, OFF));
    g.lineWidth = 1;
    const line = (x, color) => { g.strokeStyle = color; g.beginPath(); g.moveTo(Math.round(lane.x + x) + 0.5, 0); g.lineTo(Math.round(lane.x + x) + 0.5, height); g.stroke(); };
    for (const x of axis.minor) line(x, C.grid);
    for (const x of axis.major) line(x, C.gridMajor);
    for (const d of axis.days) if (d.x > 0) line(d.x, C.gridDay);
  }

  function drawRow(g, r, lane, y) {
    const from = state.from, to = state.to, w = lane.w;
    g.save();
    g.translate(lane.x, y);
    if (r.unpredictable.length > 0) {
      g.fillStyle = UNPREDICTABLE;
      g.globalAlpha = 0.7;
      g.fillRect(0, 3, w, LINE_H - 6);
      g.globalAlpha = 1;
    }
    if (r.disabled) {
      g.setLineDash([3, 2]);
      g.strokeStyle = C.disabled;
      const s = G.spans(r.busy, from, to, w, 1);
      for (let i = 0; i < s.length; i += 2) g.strokeRect(s[i] + 0.5, BAR_Y + 0.5, Math.max(1, s[i + 1] - s[i] - 1), BAR_H - 1);
      g.setLineDash([]);
    } else {
      const half = BAR_H / 2;
      layer(g, r.busy, from, to, w, C.run, C.run, BAR_Y, BAR_H, 3, 0.16);
      layer(g, r.self, from, to, w, DOTS, C.self, BAR_Y + half, half, 2, 0.35);
      layer(g, r.overlay, from, to, w, HATCH, C.overlap, BAR_Y, half, 2, 0.35);
      const over = G.spans(r.overlay, from, to, w, 1);
      const self = G.spans(r.self, from, to, w, 1);
      markers(g, over, function (x) { g.moveTo(x - 4, 0); g.lineTo(x + 4, 0); g.lineTo(x, BAR_Y); g.closePath(); }, C.overlap);
      markers(g, self, function (x) { g.moveTo(x + 2.5, LINE_H - 2.5); g.arc(x, LINE_H - 2.5, 2.5, 0, 2 * Math.PI); }, C.self);
      if (r.unboundedFrom < to) {
        const x = Math.max(0, (r.unboundedFrom - from) / (to - from) * w);
        g.fillStyle = '#fff';
        g.font = 'bold 9px ' + FONT;
        if (w - x > 110) g.fillText('no time limit: runs until stopped →', x + 4, BAR_Y + BAR_H - 3);
      }
    }
    if (r.quiet) { g.restore(); return; }
    if (r.table.count === 0) note(g, r.disabled ? 'disabled' : r.unpredictable.length > 0 ? 'starts ' + r.unpredictable.join(', ') : 'no runs in this window');
    else if (r.disabled) note(g, 'disabled: dashed where it would run once enabled', true);
    else if (r.unpredictable.length > 0) note(g, 'also starts ' + r.unpredictable.join(', '), true);
    g.restore();
  }

  /**
   * Intervals at least minBar px wide drawn solid (colour or pattern); narrower ones shade
   * their pixel column by the share of it they fill, in eight steps from base alpha to full.
   */
  function layer(g, intervals, from, to, w, fill, color, y, h, minBar, base) {
    if (intervals.length === 0) return;
    const bd = G.barsAndDensity(intervals, from, to, w, minBar);
    const d = bd.density;
    if (d) {
      const level = (v) => (v > 0 ? Math.min(8, Math.ceil(Math.min(1, v) * 8)) : 0);
      g.fillStyle = color;
      let c = 0;
      while (c < d.length) {
        const l = level(d[c]);
        let e = c + 1;
        while (e < d.length && level(d[e]) === l) e++;
        if (l > 0) {
          g.globalAlpha = base + (1 - base) * 0.75 * (l / 8);
          g.fillRect(c, y + (h > 8 ? 2 : 0), e - c, h > 8 ? h - 4 : h);
        }
        c = e;
      }
      g.globalAlpha = 1;
    }
    g.fillStyle = fill;
    for (let i = 0; i < bd.bars.length; i += 2) g.fillRect(bd.bars[i], y, bd.bars[i + 1] - bd.bars[i], h);
  }

  function note(g, text, quiet) {
    g.font = (quiet ? '' : 'italic ') + '11px ' + FONT;
    g.fillStyle = quiet ? C.muted : '#3e4c59';
    const width = g.measureText(text).width;
    if (quiet) {
      g.fillStyle = 'rgba(255,255,255,0.85)';
      g.fillRect(2, LINE_H - 12, width + 6, 11);
      g.fillStyle = C.muted;
      g.fillText(text, 5, LINE_H - 3);
    } else g.fillText(text, 6, LINE_H - 6);
  }

  function markers(g, spans, shape, color) {
    g.fillStyle = color;
    g.beginPath();
    let last = -Infinity;
    for (let i = 0; i < spans.length; i += 2) {
      if (spans[i] - last < 12) continue;
      last = spans[i];
      shape(spans[i]);
    }
    g.fill();
  }

  function visibleRange(scrollTop, height) {
    let lo = 0, hi = tops.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (tops[mid] + LINE_H <= scrollTop) lo = mid + 1; else hi = mid; }
    let end = lo;
    while (end < tops.length && tops[end] < scrollTop + height) end++;
    return [lo, end];
  }

  let frame = 0;
  function requestDraw() { if (!frame) frame = requestAnimationFrame(function () { frame = 0; draw(); }); }

  function draw() {
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const scrollTop = state.printing ? 0 : $('scroller').scrollTop;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, plotW, viewH);
    for (const lane of lanes) drawGrid(ctx, lane, viewH);
    const range = visibleRange(scrollTop, viewH);
    for (let i = range[0]; i < range[1]; i++) {
      const line = lines[i];
      const y = tops[i] - scrollTop;
      const lit = Object.values(line.lanes).some((r) => state.highlight.has(r.index));
      for (const lane of lanes) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(lane.x, y, lane.w, LINE_H);
        ctx.clip();
        if (lit) { ctx.fillStyle = C.hl; ctx.fillRect(lane.x, y, lane.w, LINE_H); }
        const r = line.lanes[lane.source];
        if (r) drawRow(ctx, r, lane, y);
        else {
          ctx.translate(lane.x, y);
          note(ctx, lane.source === 'live' ? 'not on the machine: apply creates it' : 'not declared: apply deletes it (unless --no-prune)');
        }
        ctx.restore();
      }
    }
    if (state.mark !== undefined) {
      ctx.strokeStyle = '#102a43';
      ctx.setLineDash([4, 3]);
      for (const lane of lanes) {
        if (state.mark < state.from || state.mark >= state.to) continue;
        const x = Math.round(xOf(state.mark, lane)) + 0.5;
        ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, viewH); ctx.stroke();
      }
      ctx.setLineDash([]);
    }
    const cur = state.cursor;
    if (cur && lines[cur.line]) {
      const lane = lanes.find((l) => l.source === cur.source);
      const r = lines[cur.line].lanes[cur.source];
      if (lane && r) {
        const x0 = Math.max(lane.x, xOf(r.table.start[cur.run], lane));
        const x1 = Math.min(lane.x + lane.w, Math.max(xOf(r.table.end[cur.run], lane), x0 + 2));
        ctx.strokeStyle = '#102a43';
        ctx.lineWidth = 2;
        ctx.strokeRect(x0 - 1, tops[cur.line] - scrollTop + BAR_Y - 2, x1 - x0 + 2, BAR_H + 4);
        ctx.lineWidth = 1;
      }
    }
    drawAxis();
    const chart = $('chart');
    chart.dataset.viewFrom = String(state.from);
    chart.dataset.viewTo = String(state.to);
    chart.dataset.draws = String(Number(chart.dataset.draws || 0) + 1);
    chart.dataset.lastDrawMs = (performance.now() - started).toFixed(1);
    const sameDay = fmt(state.from, 'day') === fmt(state.to - 1, 'day');
    $('view-range').textContent = fmt(state.from, 'day') + ' ' + fmt(state.from, 'time') + ' → ' + (sameDay ? '' : fmt(state.to, 'day') + ' ') +
      fmt(state.to, 'time') + ' (' + duration(state.to - state.from) + ')';
  }

  function drawAxis() {
    const axis = axisCache || (axisCache = G.axisTicks(state.from, state.to, lanes[0].w, OFF));
    const chart = $('chart');
    chart.dataset.axisUnit = axis.unit;
    for (const lane of lanes) {
      for (const old of lane.axis.querySelectorAll('.day, .tick')) old.remove();
      const place = function (items, cls) {
        let lastRight = -Infinity;
        const made = [];
        for (const item of items) {
          const e = el('div', cls, item.text);
          e.style.left = item.x + 'px';
          lane.axis.appendChild(e);
          made.push(e);
        }
        // The last label keeps inside the lane; a label that would overlap its left neighbour hides.
        made.forEach(function (e, i) {
          const width = e.offsetWidth;
          let left = items[i].x;
          if (left + width > lane.w) { left = lane.w - width; e.style.left = left + 'px'; }
          if (left < lastRight + 2) e.remove();
          else lastRight = left + width;
        });
      };
      place(axis.days, 'day');
      place(axis.labels, 'tick');
    }
  }

  // ---- view ----
  function setView(from, to) {
    let span = Math.min(FULL, Math.max(MIN_SPAN, to - from));
    from = Math.min(Math.max(W.from, from), W.end - span);
    state.from = from;
    state.to = from + span;
    axisCache = undefined;
    requestDraw();
  }
  function zoom(factor, anchor) {
    const span = state.to - state.from;
    const next = Math.min(FULL, Math.max(MIN_SPAN, span / factor));
    const at = anchor === undefined ? state.from + span / 2 : anchor;
    setView(at - (at - state.from) * (next / span), at - (at - state.from) * (next / span) + next);
  }
  function pan(fraction) { const span = state.to - state.from; setView(state.from + span * fraction, state.to + span * fraction); }
  function busiest() {
    const shown = laneSources();
    const tables = rows.filter((r) => !r.disabled && shown.indexOf(r.source) >= 0).map((r) => r.table);
    const hour = G.busiestHour(tables, W.from, W.end, OFF);
    if (!hour) return;
    setView(hour.start - 10 * G.MINUTE, hour.end + 10 * G.MINUTE);
    state.mark = hour.start;
    $('view-range').title = 'Busiest hour: ' + fmt(hour.start) + ', ' + (hour.busyMs / G.HOUR).toFixed(1) + ' tasks running on average';
  }

  // ---- pointing: which line, lane, time and run is under the pointer ----
  function hit(clientX, clientY) {
    const rect = canvas.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top + (state.printing ? 0 : $('scroller').scrollTop);
    const lane = lanes.find((l) => x >= l.x && x < l.x + l.w);
    let lo = 0, hi = tops.length - 1, found = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (tops[mid] > y) hi = mid - 1; else { found = mid; lo = mid + 1; } }
    if (!lane || found < 0 || y >= tops[found] + LINE_H) return undefined;
    const span = state.to - state.from;
    return { lane: lane, line: found, row: lines[found].lanes[lane.source], t: state.from + ((x - lane.x) / lane.w) * span, slack: (4 / lane.w) * span };
  }

  const tip = $('tooltip');
  function showTip(title, entries, clientX, clientY) {
    tip.textContent = '';
    tip.appendChild(el('div', 't', title));
    const dl = el('dl');
    for (const entry of entries) {
      dl.appendChild(el('dt', '', entry[0]));
      const dd = el('dd', entry[2] ? 'bad' : '', entry[1]);
      dl.appendChild(dd);
    }
    tip.appendChild(dl);
    tip.hidden = false;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    let left = clientX + 14, top = clientY + 16;
    if (left + w > window.innerWidth - 8) left = Math.max(8, clientX - w - 14);
    if (top + h > window.innerHeight - 8) top = Math.max(8, clientY - h - 12);
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  function hideTip() { if (!state.pinned) tip.hidden = true; }

  function groupName(r) { const n = data.groups[r.group].name; return n === undefined ? 'none' : n; }

  function runDetails(r, i) {
    const t = r.table;
    const s = t.start[i], late = t.latest[i], e = t.end[i];
    const entries = [['source', SOURCE_NAME[r.source]], ['group', groupName(r)], ['starts', fmt(s)]];
    if (late > s) entries.push(['latest start', fmt(late) + ' (random delay ' + duration(late - s) + ')']);
    const open = r.unbounded && e >= W.end;
    entries.push(['ends by', open ? 'never: no time limit, runs until stopped' : fmt(e) + ' (time limit ' + r.timeLimit + ')', open]);
    entries.push(['trigger', r.triggers[t.trigger[i]] || 'trigger ' + t.trigger[i]]);
    if (r.actions.length > 0) entries.push(['runs', r.actions.join('\n')]);
    if (r.disabled) entries.push(['disabled', 'the task is switched off: it would run here once enabled', true]);
    if (G.meets(r.self, s, s + 1)) {
      entries.push(['self-overlap', 'starts while its previous run may still be going (' + r.multipleInstances + ')', true]);
    }
    const others = r.members.filter((m) => m !== r && G.meets(m.busy, s, e)).map((m) => m.path);
    if (data.groups[r.group].name === undefined) entries.push(['collides with', 'not checked: the task is in no group']);
    else if (r.disabled) entries.push(['collides with', 'not checked while disabled']);
    else entries.push(['collides with', others.length === 0 ? 'nothing in its group' : others.slice(0, 8).join(', ') + (others.length > 8 ? ' and ' + (others.length - 8) + ' more' : ''), others.length > 0]);
    return entries;
  }

  function rowDetails(r) {
    const entries = [['source', SOURCE_NAME[r.source]], ['group', groupName(r)], ['time limit', r.timeLimit], ['instances', r.multipleInstances]];
    r.triggers.forEach(function (text, i) { entries.push(['trigger ' + i, text]); });
    if (r.triggers.length === 0) entries.push(['triggers', 'none: starts on demand only']);
    if (r.actions.length > 0) entries.push(['runs', r.actions.join('\n')]);
    if (r.unpredictable.length > 0) entries.push(['unpredictable', 'starts ' + r.unpredictable.join(', '), true]);
    if (r.disabled) entries.push(['disabled', 'switched off', true]);
    if (r.kinds.length > 0) entries.push(['conflicts', r.kinds.join(', '), r.severity === 'error']);
    if (r.source === 'live' && !r.declared) entries.push(['declared', 'no: apply deletes it (unless --no-prune)', true]);
    return entries;
  }

  canvas.addEventListener('mousemove', function (event) {
    if (drag && drag.moved) return;
    const h = hit(event.clientX, event.clientY);
    if (state.pinned) return;
    if (!h || !h.row) { hideTip(); return; }
    const i = G.runAt(h.row.table, h.t, h.slack);
    if (i >= 0) showTip(h.row.path, runDetails(h.row, i), event.clientX, event.clientY);
    else if (h.row.unpredictable.length > 0 || h.row.table.count === 0) showTip(h.row.path, rowDetails(h.row), event.clientX, event.clientY);
    else hideTip();
  });
  canvas.addEventListener('mouseleave', hideTip);

  // Drag to pan; a click without a drag pins (or unpins) the tooltip so its text can be read or copied.
  let drag;
  canvas.addEventListener('pointerdown', function (event) {
    if (event.button !== 0) return;
    drag = { x: event.clientX, from: state.from, to: state.to, moved: false };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener('pointermove', function (event) {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (!drag.moved) return;
    const span = drag.to - drag.from;
    const shift = (-dx / lanes[0].w) * span;
    setView(drag.from + shift, drag.to + shift);
    tip.hidden = true;
  });
  canvas.addEventListener('pointerup', function (event) {
    const was = drag;
    drag = undefined;
    if (!was || was.moved) return;
    state.pinned = !state.pinned && !tip.hidden;
    if (!state.pinned) canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: event.clientX, clientY: event.clientY }));
  });

  function onWheel(event, always) {
    const zooming = always || event.ctrlKey || event.metaKey;
    if (zooming) {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const lane = lanes.find((l) => event.clientX - rect.left >= l.x && event.clientX - rect.left < l.x + l.w) || lanes[0];
      const anchor = state.from + ((event.clientX - rect.left - lane.x) / lane.w) * (state.to - state.from);
      zoom(Math.exp(-event.deltaY * 0.002), Math.min(W.end, Math.max(W.from, anchor)));
    } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault();
      pan(((event.shiftKey ? event.deltaY : event.deltaX) || 0) / 1000);
    }
  }
  canvas.addEventListener('wheel', (event) => onWheel(event, false), { passive: false });
  $('axis-row').addEventListener('wheel', (event) => onWheel(event, true), { passive: false });
  $('scroller').addEventListener('scroll', function () { if (!state.pinned) tip.hidden = true; draw(); });

  // ---- labels: hover and focus; ← → step through the focused task's runs ----
  function lineOf(target) { const e = target.closest && target.closest('.line'); return e ? Number(e.dataset.line) : -1; }
  $('lines').addEventListener('mouseover', function (event) {
    const i = lineOf(event.target);
    if (i < 0 || state.pinned) return;
    const line = lines[i];
    const r = line.lanes.declared || line.lanes.live;
    showTip(line.path, rowDetails(r), event.clientX, event.clientY);
  });
  $('lines').addEventListener('mouseout', function (event) { if (lineOf(event.target) >= 0) hideTip(); });
  $('lines').addEventListener('focusin', function (event) {
    const i = lineOf(event.target);
    if (i < 0) return;
    const line = lines[i];
    // "After" first: it is what apply makes. Shift + ← → moves to the other side.
    const order = laneSources().slice().reverse();
    const source = order.find((s) => line.lanes[s] && line.lanes[s].table.count > 0) || order.find((s) => line.lanes[s]);
    const r = line.lanes[source];
    let run = -1;
    if (r) for (let k = 0; k < r.table.count; k++) if (r.table.end[k] > state.from) { run = k; break; }
    if (run >= 0) stepTo(i, source, run);
    else {
      state.cursor = undefined;
      const rect = lineEls[i].getBoundingClientRect();
      showTip(line.path, r ? rowDetails(r) : [], rect.right, rect.top);
      requestDraw();
    }
  });
  $('lines').addEventListener('focusout', function () { state.cursor = undefined; state.pinned = false; tip.hidden = true; requestDraw(); });

  function stepTo(lineIndex, source, run) {
    const r = lines[lineIndex].lanes[source];
    if (!r || run < 0 || run >= r.table.count) return;
    state.cursor = { line: lineIndex, source: source, run: run };
    const s = r.table.start[run], e = r.table.end[run];
    if (s >= state.to || e <= state.from) { const span = state.to - state.from; setView(s - span / 4, s - span / 4 + span); }
    else requestDraw();
    const lane = lanes.find((l) => l.source === source);
    const rect = canvas.getBoundingClientRect();
    const x = rect.left + xOf(Math.max(s, state.from), lane);
    const y = rect.top + tops[lineIndex] - $('scroller').scrollTop + LINE_H;
    showTip(r.path, runDetails(r, run), Math.min(x, window.innerWidth - 20), Math.max(0, y));
  }

  document.addEventListener('keydown', function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) && event.key !== 'Escape') return;
    const onLine = target && target.classList && target.classList.contains('line');
    const key = event.key;
    if (onLine && event.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight') && state.cursor) {
      const line = lines[state.cursor.line];
      const other = laneSources().find((s) => s !== state.cursor.source && line.lanes[s]);
      if (other) {
        const r = line.lanes[other];
        let run = 0;
        while (run < r.table.count - 1 && r.table.end[run] <= state.from) run++;
        stepTo(state.cursor.line, other, run);
      }
    } else if (onLine && (key === 'ArrowLeft' || key === 'ArrowRight') && state.cursor) {
      stepTo(state.cursor.line, state.cursor.source, state.cursor.run + (key === 'ArrowRight' ? 1 : -1));
    } else if (onLine && (key === 'ArrowDown' || key === 'ArrowUp')) {
      const next = lineEls[Number(target.dataset.line) + (key === 'ArrowDown' ? 1 : -1)];
      if (next) next.focus();
    } else if (key === '+' || key === '=') zoom(2);
    else if (key === '-' || key === '_') zoom(0.5);
    else if (key === '0') setView(W.from, W.end);
    else if (key === 'b' || key === 'B') busiest();
    else if (key === 'ArrowLeft') pan(-0.25);
    else if (key === 'ArrowRight') pan(0.25);
    else if (key === 'Escape') { state.highlight.clear(); state.mark = undefined; state.pinned = false; tip.hidden = true; markLines(); requestDraw(); }
    else return;
    event.preventDefault();
  });

  document.querySelector('.controls').addEventListener('click', function (event) {
    const act = event.target.closest && event.target.closest('[data-act]');
    if (!act) return;
    const what = act.dataset.act;
    if (what === 'zoom-in') zoom(2);
    else if (what === 'zoom-out') zoom(0.5);
    else if (what === 'fit') { state.mark = undefined; setView(W.from, W.end); }
    else if (what === 'busiest') busiest();
  });
  $('views').addEventListener('change', function (event) { setMode(event.target.value); });

  function setMode(mode) {
    if (state.mode === mode) return;
    state.mode = mode;
    const radio = document.querySelector('input[name=view][value="' + mode + '"]');
    if (radio) radio.checked = true;
    state.cursor = undefined;
    buildLines();
    layout();
    markLines();
    draw();
  }

  // ---- conflicts: the table, and showing one on the chart ----
  function markLines() {
    lineEls.forEach(function (e, i) {
      const lit = Object.values(lines[i].lanes).some((r) => state.highlight.has(r.index));
      e.classList.toggle('hl', lit);
    });
  }

  function collisionOf(c, rs) {
    if (c.kind === 'overlap' && rs.length >= 2) {
      const t = G.firstCommon(rs[0].busy, rs[1].busy);
      if (t !== undefined) return t;
    }
    if (c.kind === 'self-overlap' && rs[0] && rs[0].self.length > 0) return rs[0].self[0];
    if (c.kind === 'over-capacity') {
      const starts = rs.map((r) => (r.overlay.length > 0 ? r.overlay[0] : Infinity));
      const t = Math.min.apply(null, starts);
      if (t < Infinity) return t;
    }
    if (c.at !== undefined) return c.at;
    const first = rs.find((r) => r.table.count > 0);
    return first ? first.table.start[0] : undefined;
  }

  function showConflict(c, tr) {
    if (laneSources().indexOf(c.source) < 0) setMode(both ? 'both' : c.source);
    const rs = c.rows.map((i) => rows[i]);
    state.highlight = new Set(c.rows);
    state.pinned = false;
    tip.hidden = true;
    const t = collisionOf(c, rs);
    state.mark = t;
    if (t !== undefined) {
      const firstRun = rs[0] && rs[0].table.count > 0 ? rs[0].table.end[0] - rs[0].table.start[0] : G.HOUR;
      const span = Math.min(FULL, Math.max(30 * G.MINUTE, Math.min(6 * G.HOUR, 8 * firstRun)));
      setView(t - span / 4, t - span / 4 + span);
    } else requestDraw();
    markLines();
    for (const other of document.querySelectorAll('#conflicts tr.selected')) other.classList.remove('selected');
    if (tr) tr.classList.add('selected');
    const first = lineEls.find((e, i) => Object.values(lines[i].lanes).some((r) => state.highlight.has(r.index)));
    const scroller = $('scroller');
    if (first) scroller.scrollTop = Math.max(0, first.offsetTop - scroller.clientHeight / 3);
    $('chart').scrollIntoView({ block: 'start', behavior: 'instant' });
  }

  const PAGE = 200;
  let shownConflicts = 0;
  function conflictRow(c) {
    const tr = el('tr', 'sev-' + c.severity);
    tr.tabIndex = 0;
    tr.title = 'Show on the timeline';
    const sev = el('td', 'severity');
    sev.appendChild(el('span', 'sev ' + c.severity));
    sev.appendChild(document.createTextNode(c.severity));
    tr.appendChild(sev);
    tr.appendChild(el('td', '', c.kind));
    tr.appendChild(el('td', '', SOURCE_NAME[c.source]));
    const tasks = el('td');
    const names = c.rows.map((i) => rows[i].path);
    names.slice(0, 6).forEach((p) => tasks.appendChild(el('span', 'path', p)));
    if (names.length > 6) tasks.appendChild(el('span', 'path', 'and ' + (names.length - 6) + ' more'));
    tr.appendChild(tasks);
    tr.appendChild(el('td', '', c.firstAt ? c.firstAt.replace('T', ' ') : ''));
    const what = el('td', '', c.message);
    if (c.suggestion) what.appendChild(el('div', 'suggestion', c.suggestion));
    tr.appendChild(what);
    tr.addEventListener('click', () => showConflict(c, tr));
    tr.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); showConflict(c, tr); } });
    return tr;
  }
  function moreConflicts() {
    const body = document.querySelector('#conflicts tbody');
    const next = data.conflicts.slice(shownConflicts, shownConflicts + PAGE);
    for (const c of next) body.appendChild(conflictRow(c));
    shownConflicts += next.length;
    const rest = data.conflicts.length - shownConflicts;
    $('more').hidden = rest <= 0;
    $('more').textContent = 'Show ' + Math.min(rest, PAGE) + ' more (' + rest + ' not shown)';
  }
  $('more').addEventListener('click', moreConflicts);

  // ---- header, legend, counts ----
  function summary() {
    const parts = data.sources.map(function (source) {
      const own = data.rows.filter((r) => r.source === source);
      const runs = own.reduce((n, r) => (r.disabled ? n : r.runs.reduce((k, series) => k + series[1], n)), 0);
      const sev = { error: 0, warning: 0, info: 0 };
      for (const c of data.conflictCounts) if (c.source === source) sev[c.severity] += c.count;
      return (both ? SOURCE_NAME[source] + ': ' : '') + plural(own.length, 'task') + ', ' + plural(runs, 'run') + ', ' +
        plural(sev.error, 'error') + ', ' + plural(sev.warning, 'warning') + ', ' + sev.info + ' info';
    });
    $('summary').textContent = parts.join(' · ');
    const total = data.conflictCounts.reduce((n, c) => n + c.count, 0);
    $('counts').textContent = total === 0 ? 'No conflicts.' :
      data.conflictCounts.map((c) => c.count + ' ' + c.kind + (both ? ' (' + c.source + ')' : '')).join(', ') +
      (total > data.conflicts.length ? '. The table holds the ' + data.conflicts.length + ' most severe of ' + total + '; taskctl list-conflicts --json lists them all.' : '.') +
      ' Click a row to see it on the timeline.';
  }

  function legend() {
    const list = $('legend');
    const sample = (paint) => {
      const c = document.createElement('canvas');
      const dpr = window.devicePixelRatio || 1;
      c.width = 44 * dpr; c.height = 22 * dpr;
      const g = c.getContext('2d');
      g.scale(dpr, dpr);
      paint(g);
      return c;
    };
    const fake = (fields) => Object.assign({ quiet: true, unpredictable: [], disabled: false, busy: EMPTY, self: EMPTY, overlay: EMPTY, unboundedFrom: Infinity,
      table: { count: 1 } }, fields);
    const saved = { from: state.from, to: state.to };
    state.from = 0; state.to = 44;
    const lane = { x: 0, w: 44 };
    const items = [
      [fake({ busy: Float64Array.of(4, 40) }), 'may be running: from its start to its latest end (random delay + time limit)'],
      [fake({ busy: Float64Array.from([2, 2.4, 6, 6.4, 10, 10.4, 14, 14.4, 18, 18.4, 22, 22.4, 26, 26.4, 30, 30.4, 34, 34.4, 38, 38.4]) }),
        'short runs too small to draw at this zoom: the shade shows the share of time running'],
      [fake({ busy: Float64Array.of(4, 40), overlay: Float64Array.of(14, 32) }), '▼ overlap: runs while another task of its group may run'],
      [fake({ busy: Float64Array.of(4, 40), self: Float64Array.of(18, 34) }), '● self-overlap: starts again while its own last run may still go'],
      [fake({ unpredictable: ['x'], table: { count: 1 } }), 'unpredictable: starts at boot, logon, on an event or on demand'],
      [fake({ disabled: true, busy: Float64Array.of(6, 20, 26, 40) }), 'disabled: where it would run once enabled'],
    ];
    for (const item of items) {
      const li = el('li');
      li.appendChild(sample((g) => drawRow(g, item[0], lane, 0)));
      li.appendChild(el('span', '', item[1]));
      list.appendChild(li);
    }
    const unbounded = el('li');
    unbounded.appendChild(sample(function (g) {
      g.fillStyle = C.run; g.fillRect(4, BAR_Y, 40, BAR_H); g.fillStyle = '#fff'; g.font = 'bold 10px ' + FONT; g.fillText('→', 26, BAR_Y + BAR_H - 2);
    }));
    unbounded.appendChild(el('span', '', 'no time limit: runs until stopped'));
    list.appendChild(unbounded);
    const over = el('li');
    over.appendChild(el('span', 'swatch over'));
    over.appendChild(el('span', '', 'group over capacity: its runs need more time than there is; no stagger can fix it'));
    list.appendChild(over);
    const hl = el('li');
    hl.appendChild(sample(function (g) { g.fillStyle = C.hl; g.fillRect(0, 0, 44, 22); g.fillStyle = C.run; g.fillRect(8, BAR_Y, 28, BAR_H); }));
    hl.appendChild(el('span', '', 'the conflict picked in the table'));
    list.appendChild(hl);
    state.from = saved.from; state.to = saved.to;
  }

  // ---- print: draw every row, not just those in the scroll view ----
  window.addEventListener('beforeprint', function () { state.printing = true; layout(); draw(); });
  window.addEventListener('afterprint', function () { state.printing = false; layout(); draw(); });
  new ResizeObserver(function () { layout(); draw(); }).observe($('scroller'));

  // Header and legend paint first; the runs are decoded and swept in the next task, so a big week shows something at once.
  if (both) $('views').hidden = false;
  summary();
  legend();
  const pending = el('p', 'hint', 'Drawing the schedule…');
  $('lines').appendChild(pending);
  requestAnimationFrame(function () {
    setTimeout(function () {
      derive();
      buildLines();
      layout();
      moreConflicts();
      draw();
      performance.mark('timeline-ready');
    }, 0);
  });
})();
`;
