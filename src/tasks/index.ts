/**
 * The AGI fleet: every scheduled job of the local AI stack, as the diagnosis report's plan
 * wants it: one Task Scheduler task per job, one group that never runs two jobs at once,
 * no continuous loops, every run bounded by a time limit.
 *
 * To add a job: declare it in scheduled-jobs.ts or on-demand-jobs.ts (or in a file of its own
 * beside them), give it a name under the prefix, a start in a free gap of the timetable
 * (pipeline.ts) and a limit that ends before the gap does, and list it below. Then
 * `taskctl list-conflicts` and `taskctl plan`.
 *
 * Paths come from `AGI_ROOT` / `AGI_PYTHON` (pipeline.ts), read when this file is loaded.
 */
import { defineConfig } from '../declaration/define.js';
import { circuitBreakerRouter, latencySpikeAnalysis } from './on-demand-jobs.js';
import { dailyDiagnosis, eventCollector, healthCheck, llmMonitor, performanceMonitor } from './scheduled-jobs.js';

const agiFleet = defineConfig({
  prefix: 'AGI',
  tasks: [
    healthCheck,
    llmMonitor,
    performanceMonitor,
    eventCollector,
    dailyDiagnosis,
    latencySpikeAnalysis,
    circuitBreakerRouter,
  ],
});

export default agiFleet;
