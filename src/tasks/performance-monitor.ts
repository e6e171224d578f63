/** The 30-minute performance benchmark of the old structure, moved off the health check's minutes. */
import { defineTask, every } from '../declaration/index.js';
import { powershellScript } from './actions.js';
import { pipelineJob } from './pipeline.js';
import { startAt } from './schedule.js';

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
