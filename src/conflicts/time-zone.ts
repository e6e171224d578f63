/**
 * Kept only so that src/output/timeline/from-analysis.ts keeps building while it moves to
 * the one date-time module: import from `schtasks/datetime.ts` instead. Nothing here is its own.
 */
export { machineTimeZone as localTimeZone, offsetAt, wallToInstant } from '../schtasks/datetime.js';
