#!/usr/bin/env node
// The README's pictures of the timeline, made from a build (npm run build first):
//   node scripts/screenshots.mjs [--out docs/images] [--chromium /usr/bin/chromium]
// Runs `taskctl list-conflicts --timeline` for the built-in fleet (declared only) and for the
// troubled machine (examples/troubled-machine.json beside the fleet), opens each page in
// headless Chromium at 1280 px and saves PNGs. Fixed window and time zone, so the pictures
// change only when the schedule or the page does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: join(root, 'docs', 'images') }, chromium: { type: 'string', default: process.env.TASKCTL_CHROMIUM ?? '/usr/bin/chromium' } },
});
const bin = join(root, 'dist', 'bin.js');
if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first.`);
if (!existsSync(values.chromium)) throw new Error(`no Chromium at ${values.chromium} (apt-get install chromium, or pass --chromium PATH).`);

const FROM = '2025-11-03T00:00:00';
const ZONE = 'Asia/Seoul';
const work = mkdtempSync(join(tmpdir(), 'taskctl-screenshots-'));
mkdirSync(values.out, { recursive: true });

/** Writes the page; list-conflicts exits 2 when it finds errors, which is what the troubled machine is for. */
function timeline(name, args) {
  const file = join(work, `${name}.html`);
  try {
    execFileSync(process.execPath, [bin, 'list-conflicts', ...args, '--from', FROM, '--timeline', file], {
      cwd: root, env: { ...process.env, TZ: ZONE, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    if (error.status !== 2) throw error;
  }
  return pathToFileURL(file).href;
}

const browser = await chromium.launch({
  executablePath: values.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  /** Header, legend and chart (the conflicts table starts below); `act` sets the view first. */
  async function shoot(url, file, act) {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('timeline-ready').length > 0);
    if (act) await act();
    await page.waitForTimeout(100);
    const boxes = [await page.locator('#chart').boundingBox()];
    if (await page.locator('#tooltip').isVisible()) boxes.push(await page.locator('#tooltip').boundingBox());
    const bottom = Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) + 16);
    await page.screenshot({ path: join(values.out, file), clip: { x: 0, y: 0, width: 1280, height: bottom } });
    console.log(`wrote ${join(values.out, file)}`);
  }

  const fleet = timeline('fleet', ['--declared-only']);
  await shoot(fleet, 'timeline-fleet.png');
  const troubled = timeline('troubled', ['--live', 'examples/troubled-machine.json']);
  await shoot(troubled, 'timeline-troubled-machine.png');
  // The same machine at the busiest hour, pointing at a run of the health check that piles up.
  await shoot(troubled, 'timeline-troubled-machine-hour.png', async () => {
    await page.getByRole('button', { name: 'Busiest hour' }).click();
    const lane = await page.locator('.axis[data-source="live"]').boundingBox();
    const line = await page.locator('.line', { hasText: 'AGI_Health_Check' }).first().boundingBox();
    await page.mouse.move(lane.x + lane.width * 0.42, line.y + line.height / 2);
    await page.waitForSelector('#tooltip:not([hidden])');
  });
  if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
