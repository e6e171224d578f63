/**
 * Conflict analysis for callers outside taskctl's own layers (tests of the fleet and the
 * examples): find conflicts, and the command-line loop signs the rules use.
 */
export { findConflicts } from './find-conflicts.js';
export { loopReasons } from '../schtasks/command-line.js';
