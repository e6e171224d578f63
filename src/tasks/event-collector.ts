/** Event collection as one bounded pass an hour, instead of a `--continuous` loop started at boot. */
import { defineTask, every } from '../declaration/index.js';
import { pythonScript } from './actions.js';
import { pipelineJob } from './pipeline.js';
import { startAt } from './schedule.js';

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
