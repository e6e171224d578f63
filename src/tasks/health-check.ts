/** check_health.py every 15 minutes (was every 5, with runs piling up in parallel). */
import { defineTask, every } from '../declaration/index.js';
import { pythonScript } from './actions.js';
import { pipelineJob } from './pipeline.js';
import { startAt } from './schedule.js';

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
