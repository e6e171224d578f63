import { describe, expect, it } from 'vitest';
import { analyzeConflicts, findConflicts } from '../../src/conflicts/find-conflicts.js';
import { ValidationError } from '../../src/core/errors.js';
import { at, daily, subject } from './helpers/subjects.js';

const FROM = new Date('2025-01-01T00:00:00Z');
const DAY = 86_400_000;

describe('findConflicts', () => {
  const subjects = [
    subject('\\AGI_B', { group: 'g', timeLimit: 'PT10M', triggers: [daily('2025-01-01T01:00:00')] }),
    subject('\\AGI_A', { group: 'g', timeLimit: 'PT10M', triggers: [daily('2025-01-01T01:00:00')] }),
    subject('\\AGI_Loop', { timeLimit: 'PT0S', actions: [{ kind: 'Exec', command: 'pwsh.exe', arguments: '-File x.ps1 -Continuous' }] }),
    subject('\\AGI_Off', { settings: { enabled: false } }),
    subject('\\AGI_Stray', { source: 'live', declared: false }),
  ];

  it('returns conflicts sorted by severity, then kind, then tasks', () => {
    const conflicts = findConflicts(subjects, { from: FROM, horizonMs: DAY, timeZone: 'UTC' });
    expect(conflicts.map((c) => [c.severity, c.kind, c.tasks.join(',')])).toEqual([
      ['error', 'continuous-loop', '\\AGI_Loop'],
      ['error', 'overlap', '\\AGI_A,\\AGI_B'],
      ['error', 'unbounded', '\\AGI_Loop'],
      ['warning', 'unmanaged', '\\AGI_Stray'],
      ['info', 'disabled', '\\AGI_Off'],
    ]);
  });

  it('does not depend on the order of its input', () => {
    const options = { from: FROM, horizonMs: DAY, timeZone: 'UTC' };
    expect(findConflicts([...subjects].reverse(), options)).toEqual(findConflicts(subjects, options));
  });

  it('returns nothing for an empty fleet', () => {
    expect(findConflicts([], { from: FROM, horizonMs: DAY, timeZone: 'UTC' })).toEqual([]);
  });

  it('rejects a bad horizon or time zone with every problem listed', () => {
    const call = () => findConflicts(subjects, { from: new Date('nope'), horizonMs: 0, timeZone: 'Mars/Olympus' });
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(/from: not a valid date[\s\S]*horizon: must be a positive[\s\S]*timeZone: unknown IANA time zone: Mars\/Olympus/);
  });

  it('analyzeConflicts also hands back the runs it expanded', () => {
    const { runs, conflicts } = analyzeConflicts([subject('\\AGI_A', { timeLimit: 'PT1M', triggers: [at('2025-01-01T00:00:00', { repeat: { interval: 'PT1H' } })] })], {
      from: FROM, horizonMs: DAY, timeZone: 'UTC',
    });
    expect(runs).toHaveLength(24);
    expect(conflicts).toEqual([]);
  });
});
