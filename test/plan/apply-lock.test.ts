import { describe, expect, test } from 'vitest';
import { RefusedError } from '../../src/core/errors.js';
import { acquireApplyLock, lockFileName } from '../../src/plan/apply-lock.js';
import { LOCK_DIR, NOW, identity, memoryFs } from './apply-harness.js';

const FILE = `${LOCK_DIR}/${lockFileName('store /x')}`;
const base = { lockDir: LOCK_DIR, key: 'store /x', target: 'store /x', now: NOW };

describe('the apply lock', () => {
  test('holds pid, host, start time and target while held; release removes it', async () => {
    const { fs, vol } = memoryFs();
    const lock = await acquireApplyLock({ ...base, fs, identity: identity() });
    expect(lock.path).toBe(FILE);
    expect(JSON.parse(String(vol.readFileSync(FILE, 'utf8')))).toEqual({ pid: 100, host: 'here', startedAt: NOW.toISOString(), target: 'store /x' });
    await lock.release();
    expect(vol.existsSync(FILE)).toBe(false);
  });

  test('a second holder is refused while the first runs, then succeeds once it is released', async () => {
    const { fs } = memoryFs();
    const first = await acquireApplyLock({ ...base, fs, identity: identity() });
    const other = { pid: 200, host: 'here', isProcessAlive: (pid: number) => pid === 100 || pid === 200 };
    await expect(acquireApplyLock({ ...base, fs, identity: other })).rejects.toBeInstanceOf(RefusedError);
    await first.release();
    const second = await acquireApplyLock({ ...base, fs, identity: other });
    expect(second.holder.pid).toBe(200);
  });

  test('one lock per target; keys differing only in case share one (Windows paths)', () => {
    expect(lockFileName('C:\\Tasks')).toBe(lockFileName('c:\\tasks'));
    expect(lockFileName('C:\\Tasks')).not.toBe(lockFileName('C:\\Other'));
    expect(lockFileName('C:\\Tasks')).toMatch(/^taskctl-apply-[0-9a-f]{16}\.lock$/);
  });

  test("another host's lock can't be checked for liveness: refused while young, taken over once old", async () => {
    const young = { pid: 5, host: 'elsewhere', startedAt: new Date(NOW.getTime() - 3_600_000).toISOString(), target: 't' };
    const { fs } = memoryFs({ [FILE]: JSON.stringify(young) });
    await expect(acquireApplyLock({ ...base, fs, identity: identity() })).rejects.toThrow(/held by process 5 on elsewhere/);

    const old = { ...young, startedAt: new Date(NOW.getTime() - 7 * 3_600_000).toISOString() };
    const { fs: fs2 } = memoryFs({ [FILE]: JSON.stringify(old) });
    const notes: string[] = [];
    const lock = await acquireApplyLock({ ...base, fs: fs2, identity: identity(), onStale: (m) => notes.push(m) });
    expect(lock.holder.pid).toBe(100);
    expect(notes[0]).toMatch(/more than 360 minutes ago/);
  });

  test('an unreadable lock file is refused while fresh (its holder may be writing it), taken over when old', async () => {
    const { fs, vol } = memoryFs({ [FILE]: '' });
    vol.utimesSync(FILE, NOW, new Date(NOW.getTime() - 1000));
    await expect(acquireApplyLock({ ...base, fs, identity: identity() })).rejects.toThrow(/has not finished writing it/);
    vol.utimesSync(FILE, NOW, new Date(NOW.getTime() - 7 * 3_600_000));
    const lock = await acquireApplyLock({ ...base, fs, identity: identity() });
    expect(lock.holder.host).toBe('here');
  });

  test("release leaves a lock that someone else took over in place", async () => {
    const { fs, vol } = memoryFs();
    const mine = await acquireApplyLock({ ...base, fs, identity: identity() });
    const theirs = JSON.stringify({ pid: 300, host: 'here', startedAt: NOW.toISOString(), target: 't' });
    vol.writeFileSync(FILE, theirs);
    await mine.release();
    expect(String(vol.readFileSync(FILE, 'utf8'))).toBe(theirs);
  });
});

describe('currentProcessIdentity', () => {
  test('sees this process as alive and a pid that cannot exist as gone', async () => {
    const { currentProcessIdentity } = await import('../../src/core/process-identity.js');
    const me = currentProcessIdentity();
    expect(me.pid).toBe(process.pid);
    expect(me.isProcessAlive(process.pid)).toBe(true);
    expect(me.isProcessAlive(2 ** 30)).toBe(false);
  });
});
