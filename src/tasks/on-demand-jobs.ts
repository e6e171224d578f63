/**
 * The pipeline's on-demand jobs: registered without a trigger, started by a person
 * (`Start-ScheduledTask <name>`), still in the group and still bounded by a time limit.
 */
import { defineTask, onDemand } from '../declaration/define.js';
import { pipelineJob, powershellScript, pythonScript } from './pipeline.js';

/** circuit_breaker_router.py on demand only: no longer a background process started at boot. */
export const circuitBreakerRouter = defineTask({
  ...pipelineJob,
  name: 'AGI_Circuit_Breaker_Router',
  description:
    'Fallback routing (circuit_breaker_router.py), on demand only: Start-ScheduledTask AGI_Circuit_Breaker_Router. ' +
    'Replaces AGI_Circuit_Breaker, a boot task with no time limit restarted on every failure. The 5-minute limit ends the run ' +
    'even if the router falls back into its old loop.',
  actions: [pythonScript('circuit_breaker_router.py')],
  triggers: onDemand(),
  timeLimit: '5m',
});

/** analyze_latency_spikes.ps1 on demand only: registered without a trigger, started by a person. */
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
