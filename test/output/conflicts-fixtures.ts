import type { Conflict } from '../../src/conflicts/types.js';

/** A small, hand-written set of conflicts in no particular order. */
export const SAMPLE_CONFLICTS: Conflict[] = [
  {
    kind: 'unmanaged', severity: 'warning', source: 'live', tasks: ['\\AGI_Stray'],
    message: '\\AGI_Stray is a live task under the prefix that no declaration names.',
  },
  {
    kind: 'overlap', severity: 'error', source: 'declared', tasks: ['\\AGI_Health_Check', '\\AGI_Perf_Monitor'],
    message: "\\AGI_Health_Check and \\AGI_Perf_Monitor are both in group 'agi' but can run at the same time: 48 collisions in 1 day.",
    firstAt: '2025-01-01T00:05:00', collisions: 48,
    suggestion: "Start \\AGI_Perf_Monitor 5 min later (offset PT5M): it then collides with no other task of group 'agi'.",
    suggestedTask: '\\AGI_Perf_Monitor', suggestedOffset: 'PT5M',
  },
  { kind: 'disabled', severity: 'info', source: 'declared', tasks: ['\\AGI_Off'], message: '\\AGI_Off is disabled.' },
  { kind: 'unbounded', severity: 'error', source: 'declared', tasks: ['\\AGI_Loop'], message: '\\AGI_Loop has no time limit (ExecutionTimeLimit PT0S).' },
  {
    kind: 'continuous-loop', severity: 'error', source: 'declared', tasks: ['\\AGI_Loop'],
    message: '\\AGI_Loop action 0 starts something that never ends on its own: `pwsh.exe -File x.ps1 -Continuous`.',
  },
];
