import { describe, expect, it } from 'vitest';
import { formatConflictsText, summarizeConflicts } from '../../src/output/conflicts-text.js';
import { SAMPLE_CONFLICTS } from './conflicts-fixtures.js';

describe('formatConflictsText', () => {
  it('groups by severity, errors first, with a closing summary', () => {
    expect(formatConflictsText(SAMPLE_CONFLICTS, { color: false })).toBe(
      [
        'ERRORS (3)',
        '  continuous-loop  declared  \\AGI_Loop',
        '      \\AGI_Loop action 0 starts something that never ends on its own: `pwsh.exe -File x.ps1',
        '      -Continuous`.',
        '  overlap          declared  at 2025-01-01 00:05:00  \\AGI_Health_Check, \\AGI_Perf_Monitor',
        "      \\AGI_Health_Check and \\AGI_Perf_Monitor are both in group 'agi' but can run at the same time:",
        '      48 collisions in 1 day.',
        '      Suggestion: Start \\AGI_Perf_Monitor 5 min later (offset PT5M): it then collides with no other',
        "      task of group 'agi'.",
        '  unbounded        declared  \\AGI_Loop',
        '      \\AGI_Loop has no time limit (ExecutionTimeLimit PT0S).',
        '',
        'WARNINGS (1)',
        '  unmanaged        live      \\AGI_Stray',
        '      \\AGI_Stray is a live task under the prefix that no declaration names.',
        '',
        'INFO (1)',
        '  disabled         declared  \\AGI_Off',
        '      \\AGI_Off is disabled.',
        '',
        '3 errors, 1 warning, 1 info.',
        '',
      ].join('\n'),
    );
  });

  it('says "No conflicts." for none', () => {
    expect(formatConflictsText([], { color: false })).toBe('No conflicts.\n');
  });

  it('colours only when asked', () => {
    expect(formatConflictsText(SAMPLE_CONFLICTS, { color: false })).not.toContain('\u001b[');
    const coloured = formatConflictsText(SAMPLE_CONFLICTS, { color: true });
    expect(coloured).toContain('\u001b[31m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatConflictsText(SAMPLE_CONFLICTS, { color: false }));
  });

  it('summarizes counts', () => {
    expect(summarizeConflicts(SAMPLE_CONFLICTS.slice(0, 1))).toBe('0 errors, 1 warning, 0 info.');
  });
});

describe('formatConflictsText with maxPerSeverity', () => {
  it('shows the first N of a severity and says how many more there are', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      kind: 'overlap' as const, severity: 'error' as const, source: 'declared' as const,
      tasks: [`\\AGI_${i}`, `\\AGI_${i + 1}`], message: `pair ${i}`,
    }));
    const text = formatConflictsText(many, { color: false, maxPerSeverity: 3 });
    expect(text.match(/pair \d/g)).toHaveLength(3);
    expect(text).toContain('… and 4 more errors (all of them: --verbose, or --json).');
    expect(text).toContain('7 errors, 0 warnings, 0 info.');
  });
});
