/** circuit_breaker_router.py on demand only: no longer a background process started at boot. */
import { defineTask, onDemand } from '../declaration/index.js';
import { pythonScript } from './actions.js';
import { pipelineJob } from './pipeline.js';

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
