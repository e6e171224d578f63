/**
 * Every block the Task Scheduler schema requires is present in what taskctl renders: task
 * definitions generated from the schema tables (xsd-arbitraries.ts) — each optional element
 * alone in the smallest task, and random combinations of all of them — render XML that the
 * XSD accepts, as wire definitions and as declarations (import → compile → render). A table
 * that lacks a `required` flag the XSD demands shows up here as a block rendered without
 * the child (this is how MaintenanceSettings/Deadline was found).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { importTasks } from '../../src/import/import-tasks.js';
import type { TaskDefinition } from '../../src/schtasks/model.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { validateDefinition } from '../../src/schtasks/validate-definition.js';
import { corpusAvailable, corpusSkipReason } from './corpus-files.js';
import { blockVariants, definitionArbitrary, leastTask } from './xsd-arbitraries.js';
import { validateAgainstXsd } from './xsd-validate.js';

/** The definition a declaration of `def` compiles to: what `import` writes for it, compiled as `plan`/`apply` do. */
function throughDeclaration(def: TaskDefinition): TaskDefinition {
  const imported = importTasks([{ taskPath: '\\', taskName: 'AGI_Block', state: 'Ready', xml: renderTaskXml(def) }], { prefix: 'AGI', format: 'json' });
  return compileConfig(JSON.parse(imported.text)).tasks[0]!.definition;
}

/** Each document that fails the XSD, with its first errors. */
async function invalidOf(documents: Record<string, string>): Promise<string[]> {
  const verdicts = await validateAgainstXsd(documents);
  return Object.entries(verdicts).filter(([, v]) => !v.valid).map(([name, v]) => `${name}: ${v.errors.slice(0, 2).join('; ')}`);
}

describe.skipIf(!corpusAvailable)('every optional block renders with what the XSD requires inside it', () => {
  const variants = blockVariants();

  it('covers every optional element of every table, each in the smallest task', () => {
    const names = variants.map((v) => v.name);
    expect(names.length).toBeGreaterThan(120);
    for (const block of [
      'Settings/RestartOnFailure', 'Settings/MaintenanceSettings', 'Settings/IdleSettings', 'Settings/NetworkSettings/Id', 'TimeTrigger/Repetition',
      'CalendarTrigger/ScheduleByDay', 'CalendarTrigger/ScheduleByWeek', 'CalendarTrigger/ScheduleByMonth', 'CalendarTrigger/ScheduleByMonthDayOfWeek/Months',
      'Principal/RequiredPrivileges', 'EventTrigger/ValueQueries', 'RegistrationInfo/SecurityDescriptor', 'WnfStateChangeTrigger (least)',
    ]) {
      expect(names).toContain(block);
    }
    // Each is a task taskctl accepts: the XSD is the only judge below.
    expect(variants.flatMap((v) => validateDefinition(v.def).map((issue) => `${v.name}: ${issue.path} ${issue.message}`))).toEqual([]);
  });

  it('as wire definitions', async () => {
    expect(await invalidOf(Object.fromEntries(variants.map((v) => [v.name, renderTaskXml(v.def)])))).toEqual([]);
  });

  it('as declarations (what import writes for them, compiled)', async () => {
    expect(await invalidOf(Object.fromEntries(variants.map((v) => [v.name, renderTaskXml(throughDeclaration(v.def))])))).toEqual([]);
  });

  it('the check can fail: a MaintenanceSettings block without its Deadline is refused', async () => {
    const without = { ...leastTask, settings: { maintenanceSettings: { period: 'P1D' } } } as unknown as TaskDefinition;
    expect(await invalidOf({ without: renderTaskXml(without) })).toEqual([expect.stringContaining('Deadline')]);
  });
});

describe.skipIf(!corpusAvailable)('random definitions from the schema tables render XSD-valid', () => {
  // One xmllint run validates a whole batch; a fixed seed keeps the run reproducible (change it to explore).
  const SEED = 20261130;
  const RUNS = 300;

  it(`${RUNS} definitions, wire and declared (seed ${SEED})`, async () => {
    const samples = fc.sample(definitionArbitrary, { numRuns: RUNS, seed: SEED });
    const accepted = samples.filter((def) => validateDefinition(def).length === 0);
    // The generator keeps the rules that span fields; nearly every sample is a task taskctl accepts.
    expect(accepted.length).toBeGreaterThan(RUNS * 0.95);
    const documents: Record<string, string> = {};
    accepted.forEach((def, i) => {
      documents[`wire ${i}`] = renderTaskXml(def);
      documents[`declared ${i}`] = renderTaskXml(throughDeclaration(def));
    });
    const invalid = await invalidOf(documents);
    const example = invalid[0] && JSON.stringify(accepted[Number(/\d+/.exec(invalid[0])![0])]);
    expect(invalid, example).toEqual([]);
    // The optional blocks do occur, in numbers.
    const count = (test: (def: TaskDefinition) => boolean) => accepted.filter(test).length;
    expect(count((d) => d.settings.maintenanceSettings !== undefined)).toBeGreaterThan(RUNS / 4);
    expect(count((d) => d.settings.restartOnFailure !== undefined && d.settings.idleSettings !== undefined)).toBeGreaterThan(RUNS / 8);
    expect(count((d) => d.triggers.some((t) => t.kind === 'CalendarTrigger'))).toBeGreaterThan(RUNS / 10);
    expect(count((d) => d.triggers.some((t) => t.kind === 'Raw'))).toBeGreaterThan(RUNS / 10);
    expect(count((d) => (d.principal?.requiredPrivileges?.length ?? 0) > 0)).toBeGreaterThan(RUNS / 8);
  }, 120_000);
});

if (!corpusAvailable) {
  describe('XSD validity of rendered blocks (skipped)', () => {
    it.skip(corpusSkipReason, () => {});
  });
}
