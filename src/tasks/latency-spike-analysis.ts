/** analyze_latency_spikes.ps1 on demand only: registered without a trigger, started by a person. */
import { defineTask, onDemand } from '../declaration/index.js';
import { powershellScript } from './actions.js';
import { pipelineJob } from './pipeline.js';

export const latencySpikeAnalysis = defineTask({
  ...pipelineJob,
  name: 'AGI_Latency_Spike_Analysis',
  description:
    'Latency spike analysis (analyze_latency_spikes.ps1), on demand only: Start-ScheduledTask AGI_Latency_Spike_Analysis. ' +
    'Was on its own 10-minute timer with an hour per run. Start it between the pipeline\'s slots (e.g. at :50).',
  actions: [powershellScript('analyze_latency_spikes.ps1')],
  triggers: onDemand(),
  timeLimit: '9m',
});
