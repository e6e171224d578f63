import { describe, expect, it } from 'vitest';
import { formatConflictsJson } from '../../src/output/conflicts-json.js';
import { SAMPLE_CONFLICTS } from './conflicts-fixtures.js';

describe('formatConflictsJson', () => {
  it('prints exactly { formatVersion, conflicts: [...] } in the stable order, contract fields first', () => {
    expect(formatConflictsJson(SAMPLE_CONFLICTS)).toBe(`{
  "formatVersion": "1",
  "conflicts": [
    {
      "kind": "continuous-loop",
      "severity": "error",
      "source": "declared",
      "tasks": [
        "\\\\AGI_Loop"
      ],
      "message": "\\\\AGI_Loop action 0 starts something that never ends on its own: \`pwsh.exe -File x.ps1 -Continuous\`."
    },
    {
      "kind": "overlap",
      "severity": "error",
      "source": "declared",
      "tasks": [
        "\\\\AGI_Health_Check",
        "\\\\AGI_Perf_Monitor"
      ],
      "message": "\\\\AGI_Health_Check and \\\\AGI_Perf_Monitor are both in group 'agi' but can run at the same time: 48 collisions in 1 day.",
      "firstAt": "2025-01-01T00:05:00",
      "collisions": 48,
      "suggestion": "Start \\\\AGI_Perf_Monitor 5 min later (offset PT5M): it then collides with no other task of group 'agi'.",
      "suggestedTask": "\\\\AGI_Perf_Monitor",
      "suggestedOffset": "PT5M"
    },
    {
      "kind": "unbounded",
      "severity": "error",
      "source": "declared",
      "tasks": [
        "\\\\AGI_Loop"
      ],
      "message": "\\\\AGI_Loop has no time limit (ExecutionTimeLimit PT0S)."
    },
    {
      "kind": "unmanaged",
      "severity": "warning",
      "source": "live",
      "tasks": [
        "\\\\AGI_Stray"
      ],
      "message": "\\\\AGI_Stray is a live task under the prefix that no declaration names."
    },
    {
      "kind": "disabled",
      "severity": "info",
      "source": "declared",
      "tasks": [
        "\\\\AGI_Off"
      ],
      "message": "\\\\AGI_Off is disabled."
    }
  ]
}
`);
  });

  it('prints an empty list when there is nothing', () => {
    expect(formatConflictsJson([])).toBe('{\n  "formatVersion": "1",\n  "conflicts": []\n}\n');
  });

  it('round-trips through JSON.parse with the contract field types', () => {
    const parsed = JSON.parse(formatConflictsJson(SAMPLE_CONFLICTS)) as { conflicts: Record<string, unknown>[] };
    for (const c of parsed.conflicts) {
      expect(['error', 'warning', 'info']).toContain(c.severity);
      expect(['declared', 'live']).toContain(c.source);
      expect(Array.isArray(c.tasks)).toBe(true);
      if (c.firstAt !== undefined) expect(c.firstAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    }
  });
});
