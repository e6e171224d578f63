import { afterEach, describe, expect, it, vi } from 'vitest';
import { splitWindowsArguments } from '../../src/schtasks/command-line.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('AGI_ROOT at config-load time', () => {
  it('moves every job of the fleet, quoting the spaced path', async () => {
    vi.stubEnv('AGI_ROOT', 'D:\\AI Stack');
    vi.stubEnv('AGI_PYTHON', '');
    vi.resetModules();
    const { default: fleet } = await import('../../src/tasks/index.js');
    const actions = fleet.tasks.flatMap((t) => ('actions' in t ? t.actions : [])) as Array<{ command: string; arguments?: string; workingDirectory?: string }>;
    expect(actions.length).toBe(fleet.tasks.length);
    for (const action of actions) {
      expect(action.workingDirectory).toBe('D:\\AI Stack');
      const script = splitWindowsArguments(action.arguments ?? '').find((arg) => /\.(?:ps1|py)$/.test(arg));
      expect(script).toMatch(/^D:\\AI Stack\\scripts\\[a-z_]+\.(?:ps1|py)$/);
      expect(action.arguments).toContain(`"${script}"`);
    }
    expect(actions.filter((a) => a.command === 'D:\\AI Stack\\.venv\\Scripts\\python.exe').length).toBeGreaterThan(0);
  });
});
