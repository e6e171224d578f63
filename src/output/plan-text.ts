/**
 * The plan as a person reads it, in Terraform's vocabulary: a legend of the
 * symbols used, one block per task, behaviour changes called out, warnings and
 * unreadable tasks, then `Plan: N to create, M to update, K to delete.`
 *
 * Every value that comes from a task (paths, descriptions, command lines) goes through
 * `safe`: a crafted live task must not be able to make the plan read differently.
 */
import { SETTINGS_DEFAULTS } from '../schtasks/model.js';
import type { FieldChange, FieldValue, Plan, PlanAction, PlanChange } from '../plan/plan.js';
import { ACTION_ORDER } from '../plan/plan.js';
import { summarizeAction, summarizeTrigger } from '../plan/diff.js';
import { createPalette, type Paint, type Palette } from './format.js';
import { terminalSafe as safe } from '../core/terminal-text.js';
import { describeAccount } from '../schtasks/well-known-accounts.js';

export interface PlanTextOptions {
  /** ANSI colour (green +, yellow ~, red -); the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
}

const SYMBOL: Record<PlanAction, string> = { create: '+', update: '~', delete: '-' };

/** Renders the plan as text ending in a newline. Deterministic for a given plan. */
export function formatPlanText(plan: Plan, options: PlanTextOptions): string {
  const palette = createPalette(options.color);
  const paint: Record<PlanAction, Paint> = { create: palette.green, update: palette.yellow, delete: palette.red };
  const lines: string[] = [];

  const used = ACTION_ORDER.filter((action) => plan.changes.some((change) => change.action === action));
  if (used.length > 0) {
    lines.push('taskctl will perform these actions, shown with these symbols:');
    for (const action of used) lines.push(`  ${paint[action](SYMBOL[action])} ${action}`);
    lines.push('');
    for (const change of plan.changes) lines.push(...changeBlock(change, paint[change.action], palette), '');
  }

  if (plan.unmanaged.length > 0) {
    lines.push('Not declared, left alone (pruning is off):');
    for (const task of plan.unmanaged) lines.push(`  ${safe(task)}`);
    lines.push('');
  }
  if (plan.warnings.length > 0) {
    lines.push(palette.yellow('Warnings:'));
    for (const warning of plan.warnings) lines.push(`  ${palette.yellow('!')} ${safe(warning.task)}: ${safe(warning.message)}`);
    lines.push('');
  }
  if (plan.errors.length > 0) {
    lines.push(palette.red('Errors (these tasks are left alone, and apply refuses to run until they are fixed):'));
    for (const error of plan.errors) lines.push(`  ${palette.red('x')} ${safe(error.task)}: ${safe(error.reason)}`);
    lines.push('');
  }
  lines.push(closingLine(plan, palette));
  return `${lines.join('\n')}\n`;
}

function changeBlock(change: PlanChange, paint: Paint, palette: Palette): string[] {
  const head = `  ${paint(SYMBOL[change.action])} ${paint(change.action)} ${palette.bold(safe(change.task))}`;
  switch (change.action) {
    case 'create':
      return [head, ...createFacts(change).map((fact) => `      ${safe(fact)}`)];
    case 'update':
      return [head, ...change.fields.map((field) => `      ${fieldLine(field, palette)}`)];
    case 'delete':
      return [head];
  }
}

/** The key facts of a new task: when it runs, what it runs, for how long, and how it treats overlaps. */
function createFacts(change: Extract<PlanChange, { action: 'create' }>): string[] {
  const definition = change.declared.definition;
  const facts: string[] = [];
  if (definition.triggers.length === 0) facts.push('triggers: none (started on demand only)');
  definition.triggers.forEach((trigger, i) => facts.push(`triggers[${i}]: ${summarizeTrigger(trigger)}`));
  definition.actions.forEach((action, i) => facts.push(`actions[${i}]: ${summarizeAction(action)}`));
  const limit = definition.settings.executionTimeLimit ?? SETTINGS_DEFAULTS.executionTimeLimit;
  facts.push(`time limit: ${limit === 'PT0S' ? 'PT0S (none)' : limit}`);
  facts.push(`multiple instances: ${definition.settings.multipleInstancesPolicy ?? SETTINGS_DEFAULTS.multipleInstancesPolicy}`);
  const principal = definition.principal;
  const account = principal?.userId ?? principal?.groupId;
  if (account) facts.push(`runs as: ${describeAccount(account)}`);
  if (change.declared.group !== undefined) facts.push(`group: ${change.declared.group}`);
  if (definition.settings.enabled === false) facts.push('disabled');
  return facts;
}

function fieldLine(field: FieldChange, palette: Palette): string {
  const line = `${safe(field.path)}: ${showValue(field.before)} -> ${showValue(field.after)}`;
  return field.behavioural ? `${line}  ${palette.yellow(palette.bold('(!) changes behaviour'))}` : line;
}

/**
 * Strings quoted with only quotes and control characters escaped: Windows paths stay readable
 * (`"C:\AGI\x.py"`, not JSON's doubled backslashes).
 */
function showValue(value: FieldValue): string {
  if (value === null) return '(none)';
  if (typeof value !== 'string') return String(value);
  const escaped = value.replace(/["\n\r\t]/g, (c) => ({ '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c);
  return `"${safe(escaped)}"`;
}

function closingLine(plan: Plan, palette: Palette): string {
  const { create, update } = plan.summary;
  const remove = plan.summary.delete;
  if (create + update + remove > 0) {
    return `${palette.bold('Plan:')} ${create} to create, ${update} to update, ${remove} to delete.`;
  }
  if (plan.errors.length > 0) {
    return `${palette.bold('No changes')} to the tasks that could be read; ${plan.errors.length} could not be read (see above).`;
  }
  return `${palette.bold('No changes.')} The live tasks match the declarations.`;
}
