/**
 * Headless Chromium for the page tests: Debian's `chromium`, driven by playwright-core.
 * Where it is missing the browser tests report themselves skipped, unless
 * TASKCTL_REQUIRE_CHROMIUM=1 (CI sets it once it has installed Chromium): then they fail.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.TASKCTL_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath: string | undefined = CANDIDATES.find((path): path is string => !!path && existsSync(path));
export const chromiumRequired = process.env.TASKCTL_REQUIRE_CHROMIUM === '1';
export const skipReason = 'no Chromium at /usr/bin/chromium (apt-get install chromium, or set TASKCTL_CHROMIUM)';

/** Root-safe, quiet, offline: no sandbox (we run as root), no GPU, no background traffic; playwright gives each launch a fresh profile. */
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error(skipReason);
  return chromium.launch({ executablePath: chromiumPath, args: ARGS, headless: true, timeout: 60_000 });
}
