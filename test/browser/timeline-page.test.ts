/**
 * The timeline page in a real browser: headless Chromium opens the file from disk, and the
 * tests look, point, click and type at it the way a person would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, chromiumRequired, launchChromium, skipReason } from './chromium.js';
import { calmFleet, FROM, OVER_CAPACITY, HOSTILE_ARGS, HOSTILE_GROUP, HOSTILE_NAME, hostileFleet, KOREAN, LONG_LATIN, largeFleet, mixedFleet, renderFleet } from './timeline-fixtures.js';

const MINUTE = 60_000;
const T0 = FROM.getTime();

describe.runIf(chromiumRequired && !chromiumPath)('headless Chromium', () => {
  it('is installed (TASKCTL_REQUIRE_CHROMIUM=1)', () => {
    expect.fail(skipReason);
  });
});

describe.skipIf(!chromiumPath)(`timeline page in headless Chromium${chromiumPath ? '' : ` — skipped: ${skipReason}`}`, () => {
  let browser: Browser;
  let dir: string;
  const mixed = renderFleet(mixedFleet());

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'taskctl-timeline-'));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, name: string) {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => performance.getEntriesByName('timeline-ready').length > 0);
    return { page, errors, requests, url: pathToFileURL(file).href };
  }

  const view = async (page: Page) => {
    const chart = page.locator('#chart');
    return { from: Number(await chart.getAttribute('data-view-from')), to: Number(await chart.getAttribute('data-view-to')) };
  };
  const ticks = (page: Page) => page.locator('.axis[data-source="declared"] .tick').allTextContents();
  const unit = (page: Page) => page.locator('#chart').getAttribute('data-axis-unit');
  /** Waits until the chart has drawn again after `act`. */
  async function afterDraw(page: Page, act: () => Promise<void>) {
    const draws = async () => Number(await page.locator('#chart').getAttribute('data-draws'));
    const before = await draws();
    await act();
    await expect.poll(draws).toBeGreaterThan(before);
  }
  /** The point in the declared lane at instant `t`, on the line labelled `path`. */
  async function pointAt(page: Page, path: string, t: number, source = 'declared') {
    const lane = await page.locator(`.axis[data-source="${source}"]`).boundingBox();
    const line = await page.locator('.line', { has: page.locator('.name', { hasText: path.slice(path.lastIndexOf('\\') + 1) }) }).first().boundingBox();
    const { from, to } = await view(page);
    if (!lane || !line) throw new Error(`no lane or line for ${path}`);
    return { x: lane.x + ((t - from) / (to - from)) * lane.width, y: line.y + line.height / 2 };
  }

  it('loads from disk with no console error and fetches nothing', async () => {
    const { page, errors, requests, url } = await open(mixed.text, 'mixed.html');
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator('.line').count()).toBe(8);
    await page.close();
  });

  it('shows live (before) beside declared (after), and either alone', async () => {
    const { page } = await open(mixed.text, 'sides.html');
    const live = await page.locator('.axis[data-source="live"]').boundingBox();
    const declared = await page.locator('.axis[data-source="declared"]').boundingBox();
    expect(live && declared && live.x + live.width <= declared.x).toBe(true);
    expect(await page.locator('.axis .lane-title').allTextContents()).toEqual(['Before: live now', 'After: declared, what apply makes']);
    await page.getByLabel('after (declared)').check();
    expect(await page.locator('.axis').count()).toBe(1);
    expect(await page.locator('.line').count()).toBe(7);
    await page.getByLabel('before (live)').check();
    expect(await page.locator('.line').count()).toBe(3);
    await page.close();
  });

  it('zooms from the whole week down to minutes, relabelling the axis (buttons, keys, Ctrl + wheel)', async () => {
    const { page, errors } = await open(mixed.text, 'zoom.html');
    expect(await unit(page)).toBe('day');
    expect(await page.locator('.axis[data-source="declared"] .day').allTextContents()).toEqual(['Mon 01-06']);
    for (const label of await ticks(page)) expect(label).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d-\d\d$/);
    const full = await view(page);
    await afterDraw(page, () => page.getByRole('button', { name: 'Zoom in' }).click());
    const once = await view(page);
    expect(once.to - once.from).toBeCloseTo((full.to - full.from) / 2, -3);
    while ((await unit(page)) === 'day') await afterDraw(page, () => page.keyboard.press('+'));
    for (const label of await ticks(page)) expect(label).toMatch(/^\d\d:00$/);
    while ((await unit(page)) === 'hour') await afterDraw(page, () => page.keyboard.press('+'));
    const labels = await ticks(page);
    expect(labels.some((l) => /^\d\d:\d[1-9]$|^\d\d:[1-5]0$/.test(l))).toBe(true);
    // Down to minutes: the deepest zoom shows ten of them.
    for (let i = 0; i < 6; i++) await afterDraw(page, () => page.keyboard.press('+'));
    const deep = await view(page);
    expect(deep.to - deep.from).toBe(10 * MINUTE);
    expect((await ticks(page)).length).toBeGreaterThanOrEqual(4);
    // Ctrl + wheel over the chart zooms out around the pointer.
    const box = await page.locator('#plot').boundingBox();
    await page.mouse.move((box?.x ?? 0) + 500, (box?.y ?? 0) + 40);
    await afterDraw(page, async () => {
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, 400);
      await page.keyboard.up('Control');
    });
    const wider = await view(page);
    expect(wider.to - wider.from).toBeGreaterThan(deep.to - deep.from);
    await afterDraw(page, () => page.keyboard.press('0'));
    expect(await view(page)).toEqual(full);
    expect(await unit(page)).toBe('day');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a run’s task, start, end by its time limit, trigger, group and what it collides with on hover', async () => {
    const { page } = await open(mixed.text, 'hover.html');
    // Zoom on the first hour: Ctrl + wheel at the left edge of the lane keeps the window's start in view.
    const lane = await page.locator('.axis[data-source="declared"]').boundingBox();
    await page.mouse.move((lane?.x ?? 0) + 1, (lane?.y ?? 0) + 80);
    for (let i = 0; i < 3; i++) {
      await afterDraw(page, async () => {
        await page.keyboard.down('Control');
        await page.mouse.wheel(0, -1000);
        await page.keyboard.up('Control');
      });
    }
    // The pointer sat a pixel into the lane; pan back to the window's start.
    await afterDraw(page, () => page.keyboard.press('ArrowLeft'));
    const { from, to } = await view(page);
    expect(from).toBe(T0);
    expect(to).toBeGreaterThan(T0 + 12 * MINUTE);
    const point = await pointAt(page, '\\AGI_Perf_Monitor', T0 + 7 * MINUTE);
    await page.mouse.move(point.x, point.y);
    const tip = page.locator('#tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = (await tip.textContent()) ?? '';
    expect(text).toContain('\\AGI_Perf_Monitor');
    expect(text).toContain('groupagi');
    expect(text).toContain('starts2025-01-06 00:02');
    expect(text).toContain('ends by2025-01-06 00:12 (time limit 10 min)');
    expect(text).toContain('triggerat 2025-01-06T00:02:00, every PT1H');
    expect(text).toMatch(/collides with\\AGI_Health_Check$/);
    await page.close();
  });

  it('lets the keyboard step through a task’s runs', async () => {
    const { page } = await open(mixed.text, 'keys.html');
    await page.locator('.line', { hasText: 'AGI_Perf_Monitor' }).focus();
    const tip = page.locator('#tooltip');
    await expect.poll(async () => (await tip.textContent()) ?? '').toContain('starts2025-01-06 00:02');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await tip.textContent()) ?? '').toContain('starts2025-01-06 01:02');
    await page.close();
  });

  it('clicking a conflict zooms to its first collision and highlights both rows', async () => {
    const { page } = await open(mixed.text, 'click.html');
    const row = page.locator('#conflicts tbody tr', { hasText: 'overlap' }).filter({ hasText: 'after (declared)' })
      .filter({ hasText: '\\AGI_Health_Check' }).filter({ hasText: '\\AGI_Perf_Monitor' });
    await expect.poll(() => row.count()).toBe(1);
    await afterDraw(page, () => row.click());
    const lit = await page.locator('.line.hl').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(lit).toEqual(['\\AGI_Health_Check (error)', '\\AGI_Perf_Monitor (error)']);
    const { from, to } = await view(page);
    expect(to - from).toBeLessThan(6 * 3_600_000);
    expect(from).toBeLessThanOrEqual(T0 + 2 * MINUTE); // the first collision: 00:02, when the monitor starts during the check
    expect(to).toBeGreaterThan(T0 + 2 * MINUTE);
    expect(await row.getAttribute('class')).toContain('selected');
    // Both rows are in view inside the chart.
    const scroller = await page.locator('#scroller').boundingBox();
    for (const box of await page.locator('.line.hl').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { top: number; bottom: number }))) {
      expect(box.top).toBeGreaterThanOrEqual((scroller?.y ?? 0) - 1);
      expect(box.bottom).toBeLessThanOrEqual((scroller?.y ?? 0) + (scroller?.height ?? 0) + 1);
    }
    await page.close();
  });

  it('keeps every element inside a 1280 px viewport; long and Korean names ellipsize with the full name on hover', async () => {
    const { page } = await open(mixed.text, 'layout.html');
    const overflow = await page.evaluate(`(() => {
      const out = [];
      for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > innerWidth + 0.5 || r.left < -0.5) out.push(e.tagName + '.' + e.className + ' ' + r.left + '…' + r.right);
      }
      return { out, scrollWidth: document.documentElement.scrollWidth, innerWidth };
    })()`);
    expect(overflow).toEqual({ out: [], scrollWidth: 1280, innerWidth: 1280 });
    for (const path of [KOREAN, LONG_LATIN]) {
      const line = page.locator(`.line[aria-label^="${path.replaceAll('\\', '\\\\')}"]`);
      expect(await line.count()).toBe(1);
      const cut = await line.locator('.folder').evaluate((e) => e.scrollWidth > e.clientWidth);
      expect(cut).toBe(true);
      await line.hover();
      await expect.poll(async () => (await page.locator('#tooltip .t').textContent()) ?? '').toBe(path);
    }
    // The last axis label ends inside its lane.
    for (const source of ['live', 'declared']) {
      const lane = await page.locator(`.axis[data-source="${source}"]`).boundingBox();
      const last = await page.locator(`.axis[data-source="${source}"] .tick`).last().boundingBox();
      expect((last?.x ?? 0) + (last?.width ?? 0)).toBeLessThanOrEqual((lane?.x ?? 0) + (lane?.width ?? 0) + 0.5);
    }
    await page.close();
  });

  it('flags a group over capacity in its header, with the engine’s figure and reason', async () => {
    const { page, errors } = await open(renderFleet(calmFleet(), 'html', 7, 'UTC', [OVER_CAPACITY]).text, 'over.html');
    const head = page.locator('.group-head.over');
    expect(await head.count()).toBe(1);
    expect(await head.locator('.flag').textContent()).toBe('over capacity 144%');
    expect(await head.textContent()).toContain(OVER_CAPACITY.message);
    expect(await page.locator('#conflicts tbody tr', { hasText: 'over-capacity' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints every row, without the controls', async () => {
    const { page } = await open(renderFleet(largeFleet(120)).text, 'print.html');
    const lines = await page.locator('#lines').boundingBox();
    const screenCanvas = await page.locator('#plot').boundingBox();
    expect(screenCanvas?.height).toBeLessThan(lines?.height ?? 0);
    await page.emulateMedia({ media: 'print' });
    await afterDraw(page, () => page.evaluate(() => void (globalThis as unknown as { dispatchEvent(e: Event): boolean }).dispatchEvent(new Event('beforeprint'))));
    expect(await page.locator('.controls').isVisible()).toBe(false);
    expect((await page.locator('#plot').boundingBox())?.height).toBeCloseTo((await page.locator('#lines').boundingBox())?.height ?? 0, 0);
    await page.close();
  });

  it('shows hostile task text as text: nothing runs, nothing breaks out', async () => {
    const hostile = renderFleet(hostileFleet());
    const { page, errors } = await open(hostile.text, 'hostile.html');
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('img, b').count()).toBe(0);
    expect(await page.locator('.line').first().getAttribute('aria-label')).toBe(`${HOSTILE_NAME} (error)`);
    expect(await page.locator('.group-head .name').textContent()).toBe(`group ${HOSTILE_GROUP}`);
    const point = await pointAt(page, HOSTILE_NAME, T0 + 2 * 3_600_000);
    await page.mouse.move(point.x, point.y);
    await expect.poll(async () => (await page.locator('#tooltip').textContent()) ?? '').toContain(
      `python.exe ${HOSTILE_ARGS.replace('\u202E', '\\u202E')}`,
    );
    expect(await page.locator('#conflicts tbody').textContent()).toContain(HOSTILE_NAME);
    await page.close();
  });

  it('opens and zooms a week of 1,000 tasks (figures recorded, not asserted)', async () => {
    const built = performance.now();
    const large = renderFleet(largeFleet(1000));
    const renderMs = performance.now() - built;
    const { page, errors } = await open(large.text, 'large.html');
    expect(errors).toEqual([]);
    const paint = (await page.evaluate(`(() => ({
      ready: performance.getEntriesByName('timeline-ready')[0].startTime,
      firstContentfulPaint: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
      firstDraw: Number(document.getElementById('chart').dataset.lastDrawMs),
    }))()`)) as { ready: number; firstContentfulPaint?: number; firstDraw: number };
    const zoomSteps: number[] = [];
    for (let i = 0; i < 4; i++) {
      zoomSteps.push(
        (await page.evaluate(`new Promise((resolve) => {
          const t0 = performance.now();
          document.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
          requestAnimationFrame(() => resolve(performance.now() - t0));
        })`)) as number,
      );
    }
    const zoomed = await view(page);
    expect(zoomed.to - zoomed.from).toBeLessThan(7 * 86_400_000 / 8);
    const results = {
      fixture: '1,000 tasks × 7 days, 10 groups, intervals 5–60 min, 1-minute limits',
      runs: large.runs.length,
      conflicts: large.conflicts.length,
      htmlBytes: Buffer.byteLength(large.text),
      renderInNodeMs: Math.round(renderMs),
      readyMs: Math.round(paint.ready),
      firstContentfulPaintMs: paint.firstContentfulPaint === undefined ? undefined : Math.round(paint.firstContentfulPaint),
      firstDrawMs: paint.firstDraw,
      zoomStepMs: zoomSteps.map((ms) => Math.round(ms * 10) / 10),
      chromium: browser.version(),
    };
    // A record for people (one file, replaced on every run), not an assertion: timings vary by machine.
    const file = process.env.TASKCTL_TIMELINE_RESULTS ?? join(tmpdir(), 'taskctl-timeline-perf.json');
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`timeline 1,000 × 7 days: ${JSON.stringify(results)} (written to ${file})`);
    expect(results.htmlBytes).toBeLessThan(8 * 1024 * 1024);
    await page.close();
  }, 180_000);
});
