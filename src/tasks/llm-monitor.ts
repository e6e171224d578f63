/**
 * The local-LLM monitor: one check (and restart if needed) every 30 minutes, instead of
 * `auto_restart_local_llm.ps1 -Continuous` looping forever from a logon task. This is the
 * report's `register_llm_monitor_task.ps1 -CheckIntervalMinutes 30`, declared.
 */
import { defineTask, every } from '../declaration/index.js';
import { powershellScript } from './actions.js';
import { pipelineJob } from './pipeline.js';
import { startAt } from './schedule.js';

export const llmMonitor = defineTask({
  ...pipelineJob,
  name: 'AGI_LLM_Monitor',
  description:
    'Checks the local LLM once and restarts it when it does not answer (auto_restart_local_llm.ps1, no -Continuous), ' +
    'every 30 minutes at :05/:35, at most 4 minutes. Replaces AGI_LLM_AutoRestart (a -Continuous loop started at logon, no time limit).',
  // No -Continuous: the schedule is the loop. A restarted LLM server must be started detached
  // (Start-Process) by the script, or the time limit would end it together with the check; it then
  // runs as SYSTEM too, so its model folder must be a machine-wide path, not the user's profile.
  actions: [powershellScript('auto_restart_local_llm.ps1')],
  triggers: [every('30m', { from: startAt('00:05') })],
  timeLimit: '4m',
});
