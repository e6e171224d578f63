/**
 * The report's own check, once a night: diagnose_performance.ps1 records CPU, memory and the
 * number of Python processes, the figures the fix is judged by (CPU < 15 %, memory < 35 %,
 * fewer than 20 Python processes).
 */
import { defineTask, daily } from '../declaration/index.js';
import { powershellScript } from './actions.js';
import { pipelineJob } from './pipeline.js';
import { startAt } from './schedule.js';

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
