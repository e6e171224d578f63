import { describe, expect, it } from 'vitest';
import { atBoot, atLogon, compileConfig, daily, defineConfig, defineTask, every, onDemand, weekly } from '../../src/declaration/index.js';

describe('typed helpers', () => {
  it('every() is a time trigger with an indefinite repetition from a fixed start', () => {
    expect(every('15m', { from: '2025-01-01T00:12:00' })).toEqual({
      type: 'time',
      start: '2025-01-01T00:12:00',
      repeat: { interval: '15m' },
    });
    expect(every('1h', { from: '2025-01-01T00:00', for: '12h', randomDelay: '5m', until: '2026-01-01T00:00' })).toEqual({
      type: 'time',
      start: '2025-01-01T00:00',
      end: '2026-01-01T00:00',
      randomDelay: '5m',
      repeat: { interval: '1h', duration: '12h' },
    });
  });

  it('helpers compile inside defineTask/defineConfig', () => {
    const config = defineConfig({
      tasks: [
        defineTask({
          name: 'AGI_Helpers',
          actions: [{ command: 'python.exe', arguments: ['job.py', '--mode', 'quick run'] }],
          triggers: [
            every('15m', { from: '2025-01-01T00:12:00' }),
            daily('2025-01-01T03:45'),
            weekly(['Sunday'], '2025-01-05T02:15', { weeksInterval: 2 }),
            atBoot('5m'),
            atLogon('CONTOSO\\ops'),
          ],
          timeLimit: '2m',
        }),
        defineTask({ name: 'AGI_OnDemand', actions: [{ command: 'a.exe' }], triggers: onDemand(), timeLimit: 'PT0S' }),
      ],
    });
    const [helpers, manual] = compileConfig(config).tasks;
    expect(helpers?.definition.triggers).toEqual([
      { kind: 'TimeTrigger', startBoundary: '2025-01-01T00:12:00', repetition: { interval: 'PT15M' } },
      { kind: 'CalendarTrigger', startBoundary: '2025-01-01T03:45:00', schedule: { kind: 'ByDay' } },
      { kind: 'CalendarTrigger', startBoundary: '2025-01-05T02:15:00', schedule: { kind: 'ByWeek', weeksInterval: 2, daysOfWeek: ['Sunday'] } },
      { kind: 'BootTrigger', delay: 'PT5M' },
      { kind: 'LogonTrigger', userId: 'CONTOSO\\ops' },
    ]);
    expect(helpers?.definition.actions[0]).toMatchObject({ arguments: 'job.py --mode "quick run"' });
    expect(manual?.definition.triggers).toEqual([]);
  });

  it('defineTask and defineConfig return what they are given', () => {
    const task = { name: 'AGI_X', actions: [{ command: 'a' }], timeLimit: '1m' };
    expect(defineTask(task)).toBe(task);
    const config = { tasks: [task] };
    expect(defineConfig(config)).toBe(config);
  });
});
