/**
 * Schedules for the timeline tests, run through the real conflict analysis: a small fleet
 * with every kind at once (declared beside live), one full of hostile text, and a large
 * one (N tasks in 10 groups, intervals 5–60 min, 1-minute limits, as issue 15's fixture).
 */
import { analyzeConflicts } from '../../src/conflicts/find-conflicts.js';
import type { Conflict, ConflictSubject } from '../../src/conflicts/types.js';
import { renderTimeline } from '../../src/output/timeline/render-timeline.js';
import { at, daily, subject } from '../conflicts/helpers/subjects.js';

export const DAY = 86_400_000;
/** A Monday. */
export const FROM = new Date('2025-01-06T00:00:00Z');
export const ZONE = 'UTC';

export const KOREAN = '\\AGI\\보고서\\매우_긴_폴더_이름_그리고_더_긴_하위_폴더\\AGI_일일_보고서_생성_및_전송_작업_아주_긴_이름';
export const LONG_LATIN = '\\AGI\\Very\\Long\\Folder\\Path\\That\\Goes\\On\\And\\On\\AGI_An_Extremely_Long_Task_Name_That_Would_Not_Fit_Anywhere_At_All';

const boot = { kind: 'BootTrigger' as const, enabled: true };

/** Overlap and self-overlap on one task, unpredictable, disabled, unbounded, long and Korean names; live beside declared. */
export function mixedFleet(): ConflictSubject[] {
  return [
    subject('\\AGI_Health_Check', { group: 'agi', timeLimit: 'PT4M', triggers: [at('2025-01-06T00:00:00', { repeat: { interval: 'PT15M' } })] }),
    subject('\\AGI_Perf_Monitor', { group: 'agi', timeLimit: 'PT10M', triggers: [at('2025-01-06T00:02:00', { repeat: { interval: 'PT1H' } })] }),
    subject('\\AGI_Report', { group: 'agi', timeLimit: 'PT45M', triggers: [at('2025-01-06T00:20:00', { repeat: { interval: 'PT30M' } })] }),
    subject('\\AGI_Boot_Sync', { group: 'agi', timeLimit: 'PT5M', triggers: [boot] }),
    subject('\\AGI_Old_Job', { group: 'agi', timeLimit: 'PT30M', settings: { enabled: false }, triggers: [daily('2025-01-06T12:00:00')] }),
    subject(KOREAN, { group: 'agi', timeLimit: 'PT10M', triggers: [daily('2025-01-06T06:00:00')] }),
    subject(LONG_LATIN, { timeLimit: 'PT5M', triggers: [at('2025-01-06T01:00:00', { repeat: { interval: 'PT2H' } })] }),
    subject('\\AGI_Health_Check', {
      source: 'live', group: 'agi', timeLimit: 'P3D', settings: { multipleInstancesPolicy: 'Parallel' },
      triggers: [at('2025-01-06T00:00:00', { repeat: { interval: 'PT5M' } })],
    }),
    subject('\\AGI_Perf_Monitor', { source: 'live', group: 'agi', timeLimit: 'P3D', triggers: [at('2025-01-06T00:00:00', { repeat: { interval: 'PT30M' } })] }),
    subject('\\AGI_Loop', { source: 'live', declared: false, timeLimit: 'PT0S', triggers: [boot] }),
  ];
}

/** Text that tries to end the JSON block, inject markup, or reorder itself (bidi override, line separators). */
export const HOSTILE_NAME = '\\AGI_</script><script>window.__pwned=1</script><!--';
export const HOSTILE_GROUP = '</style><img src=x onerror="window.__pwned=2">';
export const HOSTILE_ARGS = 'C:\\x.py "</SCRIPT>" & <b>bold</b> \u2028\u2029 \u202Eevil';

export function hostileFleet(): ConflictSubject[] {
  const action = { kind: 'Exec' as const, command: 'python.exe', arguments: HOSTILE_ARGS };
  return [
    subject(HOSTILE_NAME, { group: HOSTILE_GROUP, timeLimit: 'PT10M', actions: [action], triggers: [at('2025-01-06T00:00:00', { repeat: { interval: 'PT15M' } })] }),
    subject('\\AGI_<img src=x onerror="window.__pwned=3">', { group: HOSTILE_GROUP, timeLimit: 'PT10M', triggers: [at('2025-01-06T00:05:00', { repeat: { interval: 'PT15M' } })] }),
  ];
}

/** Issue 15's fixture: `count` time-triggered tasks in 10 groups, intervals 5–60 min, 1-minute limits, starts spread over the hour. */
export function largeFleet(count: number): ConflictSubject[] {
  let seed = 17;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, (_, i) => {
    const interval = 5 * (1 + Math.floor(next() * 12));
    const minute = String(Math.floor(next() * 60)).padStart(2, '0');
    return subject(`\\AGI_Load_${String(i).padStart(4, '0')}`, {
      group: `group-${i % 10}`,
      timeLimit: 'PT1M',
      triggers: [at(`2025-01-06T00:${minute}:00`, { repeat: { interval: `PT${interval}M` } })],
    });
  });
}

/** The page (or SVG) for `subjects` over `days` from FROM, through the real analysis. */
export function renderFleet(subjects: ConflictSubject[], format: 'html' | 'svg' = 'html', days = 7, timeZone = ZONE, extra: Conflict[] = []) {
  const options = { from: FROM, horizonMs: days * DAY, timeZone };
  const analysis = analyzeConflicts(subjects, options);
  return { text: renderTimeline(subjects, analysis.runs, [...analysis.conflicts, ...extra], { ...options, format }), ...analysis };
}

/** Two short jobs in group 'calm': far under capacity, so any over-capacity finding about them is one a test made. */
export function calmFleet(): ConflictSubject[] {
  return [
    subject('\\AGI_Calm_A', { group: 'calm', timeLimit: 'PT5M', triggers: [daily('2025-01-06T01:00:00')] }),
    subject('\\AGI_Calm_B', { group: 'calm', timeLimit: 'PT5M', triggers: [daily('2025-01-06T02:00:00')] }),
  ];
}

/** The engine's finding for a group whose runs need more time than there is, as if it had found one for 'calm'. */
export const OVER_CAPACITY: Conflict = {
  kind: 'over-capacity', severity: 'error', source: 'declared', tasks: ['\\AGI_Calm_A', '\\AGI_Calm_B'],
  message: "Group 'calm' is over capacity: its runs need 144 % of the time.", group: 'calm', load: 1.44,
};
