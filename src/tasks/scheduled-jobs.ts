/**
 * The pipeline's scheduled jobs: each one bounded pass of a script that used to loop or pile up,
 * started by the clock in its own minutes of the hour (the timetable is in pipeline.ts).
 * To add one: copy a job below (or start a file of your own beside this one), give it a name
 * under the prefix, a start in a free gap and a limit that ends before the gap does, and list it
 * in index.ts.
 */
import { daily, defineTask, every } from '../declaration/define.js';
import { pipelineJob, powershellScript, pythonScript, startAt } from './pipeline.js';

/** check_health.py every 15 minutes (was every 5, with runs piling up in parallel). */
export const healthCheck = defineTask({
  ...pipelineJob,
  name: 'AGI_Health_Check',
  description:
    'Health check of the AGI stack (check_health.py), every 15 minutes at :00/:15/:30/:45, at most 4 minutes. ' +
    'Replaces the 5-minute check with the Parallel policy and its duplicate AGI_Health_Check_Old.',
  actions: [pythonScript('check_health.py')],
  triggers: [every('15m', { from: startAt('00:00') })],
  timeLimit: '4m',
});

/**
 * The local-LLM monitor: one check (and restart if needed) every 30 minutes, instead of
 * `auto_restart_local_llm.ps1 -Continuous` looping forever from a logon task. This is the
 * report's `register_llm_monitor_task.ps1 -CheckIntervalMinutes 30`, declared.
 */
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

/** The 30-minute performance benchmark of the old structure, moved off the health check's minutes. */
export const performanceMonitor = defineTask({
  ...pipelineJob,
  name: 'AGI_Performance_Monitor',
  description:
    'Performance benchmark of the local LLM (performance_benchmark.ps1), every 30 minutes at :10/:40, at most 4 minutes. ' +
    'Was on the hour and half hour with a 72-hour limit, running alongside the health check and the LLM loop.',
  actions: [powershellScript('performance_benchmark.ps1')],
  triggers: [every('30m', { from: startAt('00:10') })],
  timeLimit: '4m',
});

/** Event collection as one bounded pass an hour, instead of a `--continuous` loop started at boot. */
export const eventCollector = defineTask({
  ...pipelineJob,
  name: 'AGI_Event_Collector',
  description:
    'Collects the AGI events gathered since the last pass (collect_events.py, one pass), hourly at :20, at most 9 minutes. ' +
    'Replaces collect_events.py --continuous, started at boot with no time limit.',
  actions: [pythonScript('collect_events.py')],
  triggers: [every('1h', { from: startAt('00:20') })],
  timeLimit: '9m',
});

/**
 * The report's own check, once a night: diagnose_performance.ps1 records CPU, memory and the
 * number of Python processes, the figures the fix is judged by (CPU < 15 %, memory < 35 %,
 * fewer than 20 Python processes).
 */
export const dailyDiagnosis = defineTask({
  ...pipelineJob,
  name: 'AGI_Daily_Diagnosis',
  description:
    'Nightly performance diagnosis (diagnose_performance.ps1): CPU, memory, Python processes against the report\'s thresholds. ' +
    'Daily at 03:50, at most 9 minutes, in the hour\'s free :50-:59 gap. New: the report ran it by hand.',
  actions: [powershellScript('diagnose_performance.ps1')],
  triggers: [daily(startAt('03:50'))],
  timeLimit: '9m',
});
