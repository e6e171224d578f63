import { analyzeConflicts } from './src/conflicts/index.js';
import { renderTimeline } from './src/output/timeline/render-timeline.js';
import { formatConflictsJson } from './src/output/conflicts-json.js';
import { at, subject } from './test/conflicts/helpers/subjects.js';
const limits = process.argv[2] === 'tight' ? ['PT1M'] : ['PT1M', 'PT2M', 'PT5M', 'PT10M'];
const fleet = Array.from({ length: 1000 }, (_, i) =>
  subject(`\\AGI_T${String(i).padStart(4, '0')}`, {
    group: `g${i % 10}`, timeLimit: limits[i % limits.length],
    triggers: [at(`2025-01-01T00:${String((i * 7) % 60).padStart(2, '0')}:00`, { repeat: { interval: `PT${5 + (i % 12) * 5}M` } })],
  }),
);
const options = { from: new Date('2025-01-01T00:00:00Z'), horizonMs: 7 * 86400000, timeZone: 'Europe/Berlin' };
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  const { runs, conflicts } = analyzeConflicts(fleet, options);
  const t1 = performance.now();
  const svg = renderTimeline(fleet, runs, conflicts, { ...options, format: 'svg' });
  const t2 = performance.now();
  const withSuggestion = conflicts.filter((c) => c.suggestedOffset).length;
  console.log(`runs=${runs.length} conflicts=${conflicts.length} overlaps=${conflicts.filter(c=>c.kind==='overlap').length} suggested=${withSuggestion} analysis=${(t1 - t0).toFixed(0)}ms timeline=${(t2 - t1).toFixed(0)}ms svg=${(svg.length/1e6).toFixed(1)}MB json=${(formatConflictsJson(conflicts).length/1e6).toFixed(1)}MB`);
}
