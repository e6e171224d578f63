/**
 * Kept only so that src/output/timeline keeps building while it moves to the one
 * date-time module: import from `schtasks/datetime.ts` instead. Nothing here is its own.
 */
export { instantToWall, machineTimeZone as localTimeZone, offsetAt, wallToInstant, type WallResolution } from '../schtasks/datetime.js';
