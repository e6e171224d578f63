/**
 * Kept only so that src/output/timeline keeps building while it moves to the one
 * date-time module: import from `schtasks/datetime.ts` instead. Nothing here is its own.
 */
export { civilDate, civilDay, DAY_MS, daysInMonth, formatWall, HOUR_MS, MINUTE_MS, type CivilDate } from '../schtasks/datetime.js';
