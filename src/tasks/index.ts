/**
 * The AGI fleet: every scheduled job of the local AI stack, as the diagnosis report's plan
 * wants it: one Task Scheduler task per job, one group that never runs two jobs at once,
 * no continuous loops, every run bounded by a time limit.
 *
 * To add a job: copy one of the job files (e.g. health-check.ts), give it a name under the
 * prefix, a start in a free gap of the timetable (schedule.ts) and a limit that ends before
 * the gap does, and list it below. Then `taskctl list-conflicts` and `taskctl plan`.
 *
 * Paths come from `AGI_ROOT` / `AGI_PYTHON` (paths.ts), read when this file is loaded.
 */
import { defineConfig } from '../declaration/index.js';
import { circuitBreakerRouter } from './circuit-breaker-router.js';
import { dailyDiagnosis } from './daily-diagnosis.js';
import { eventCollector } from './event-collector.js';
import { healthCheck } from './health-check.js';
import { latencySpikeAnalysis } from './latency-spike-analysis.js';
import { llmMonitor } from './llm-monitor.js';
import { performanceMonitor } from './performance-monitor.js';

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
