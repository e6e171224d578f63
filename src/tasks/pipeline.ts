/**
 * What every job of the AGI pipeline shares: one group, one instance at a time, one account.
 * A job file spreads `pipelineJob` into its declaration and adds what is its own.
 */
import type { PrincipalDeclarationInput, SettingsDeclarationInput } from '../declaration/index.js';

/** The tasks of this group must never run at the same time (the report's "run sequentially"). */
export const PIPELINE_GROUP = 'agi-pipeline';

/**
 * LocalSystem, as a service account (no password stored, nothing to expire).
 *
 * Why not the interactive user: the monitors must keep watching when nobody is logged on
 * (after a reboot or Windows Update is exactly when the local LLM needs restarting), a user
 * principal would flash a console window on the desktop every few minutes, and a stored
 * password would break at the next password change. The price: registering needs an
 * elevated shell (install.ps1 checks), and the scripts must not rely on the user's profile
 * (HKCU, %USERPROFILE%, user-level PATH); paths.ts spells every path out for that reason.
 * To run the fleet as the logged-on user instead, replace this with
 * `{ groupId: 'S-1-5-32-545', runLevel: 'LeastPrivilege' }` (the Users group).
 */
const RUN_AS_SYSTEM: PrincipalDeclarationInput = {
  userId: 'S-1-5-18',
  logonType: 'ServiceAccount',
  runLevel: 'LeastPrivilege',
};

/**
 * Settings every job shares.
 * - Batteries: a desktop's power state says nothing about whether the stack needs watching,
 *   and a run stopped halfway by a power change leaves the job's own state half-written.
 * - `startWhenAvailable` stays false: after the machine was off, every missed job would start
 *   at once, which is the burst the report describes. A missed run simply waits for its next
 *   slot (at most 30 minutes for the monitors; the nightly diagnosis skips a night).
 */
const PIPELINE_SETTINGS: SettingsDeclarationInput = {
  disallowStartIfOnBatteries: false,
  stopIfGoingOnBatteries: false,
  startWhenAvailable: false,
};

/** Spread into every job of the pipeline. */
export const pipelineJob = {
  group: PIPELINE_GROUP,
  multipleInstances: 'IgnoreNew',
  principal: RUN_AS_SYSTEM,
  settings: PIPELINE_SETTINGS,
} as const;
