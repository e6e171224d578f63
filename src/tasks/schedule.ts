/**
 * The pipeline's timetable. Task Scheduler has no "one at a time" across tasks (IgnoreNew only
 * stops a task from overlapping itself), so the report's "run sequentially" is kept by the
 * clock: every job of the group gets its own minutes of the hour, and its time limit ends the
 * run before the next job's minute comes round.
 *
 * ```
 * minute  :00 :05 :10 :15 :20        :30 :35 :40 :45 :50
 *         HHHH LLLL PPPP HHHH EEEEEEEEE HHHH LLLL PPPP HHHH (free: nightly jobs)
 * H = AGI_Health_Check           every 15 min at :00/:15/:30/:45, 4 min
 * L = AGI_LLM_Monitor            every 30 min at :05/:35, 4 min
 * P = AGI_Performance_Monitor    every 30 min at :10/:40, 4 min
 * E = AGI_Event_Collector        hourly at :20, 9 min
 * AGI_Daily_Diagnosis            daily at 03:50, 9 min (the :50–:59 gap is free every hour)
 * ```
 *
 * Every window ends a minute before the next one starts: Task Scheduler may start a run a few
 * seconds late, and a limit that ended exactly on the next start would then overlap it.
 * To add a job, give it a start in a free gap and a limit that ends before the gap does;
 * `npx vitest run test/tasks` checks the arithmetic and `taskctl list-conflicts` checks the result.
 */

/**
 * The day every trigger starts counting from. Fixed, never "today": a start that moves would
 * make every task differ from its declaration the next day.
 */
export const ANCHOR_DAY = '2025-01-01';

/** A trigger start at `hh:mm` local time on the anchor day, e.g. `startAt('03:50')`. */
export function startAt(hhmm: string): string {
  if (!/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) {
    throw new Error(`startAt("${hhmm}"): expected a time of day as "HH:MM", e.g. "03:50"`);
  }
  return `${ANCHOR_DAY}T${hhmm}:00`;
}
