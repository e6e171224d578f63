/**
 * Hand-built, normalized-looking subjects for conflict tests: every schema
 * default written out, as `normalizeTask` will produce them (durations canonical).
 */
import type {
  Action, CalendarSchedule, CalendarTrigger, Repetition, Settings, TaskDefinition, TimeTrigger, Trigger,
} from '../../../src/schtasks/model.js';
import type { ConflictSubject } from '../../../src/conflicts/types.js';
import { SETTINGS_DEFAULTS } from '../../../src/schtasks/model.js';

/** The schema defaults as `normalizeTask` writes them (durations canonical: PT72H is P3D). */
const DEFAULT_SETTINGS: Settings = { ...SETTINGS_DEFAULTS, executionTimeLimit: 'P3D' };

interface TriggerExtras {
  end?: string;
  enabled?: boolean;
  repeat?: Repetition;
  randomDelay?: string;
  executionTimeLimit?: string;
}

const triggerBase = (start: string, extras: TriggerExtras) => ({
  enabled: extras.enabled ?? true,
  startBoundary: start,
  ...(extras.end !== undefined ? { endBoundary: extras.end } : {}),
  executionTimeLimit: extras.executionTimeLimit ?? 'P3D',
  ...(extras.repeat ? { repetition: { stopAtDurationEnd: false, ...extras.repeat } } : {}),
  randomDelay: extras.randomDelay ?? 'PT0S',
});

export const at = (start: string, extras: TriggerExtras = {}): TimeTrigger => ({ kind: 'TimeTrigger', ...triggerBase(start, extras) });

export const calendar = (start: string, schedule: CalendarSchedule, extras: TriggerExtras = {}): CalendarTrigger => ({
  kind: 'CalendarTrigger', ...triggerBase(start, extras), schedule,
});

export const daily = (start: string, daysInterval = 1, extras: TriggerExtras = {}) =>
  calendar(start, { kind: 'ByDay', daysInterval }, extras);

export interface SubjectSpec {
  group?: string;
  source?: 'declared' | 'live';
  declared?: boolean;
  triggers?: Trigger[];
  timeLimit?: string;
  settings?: Partial<Settings>;
  actions?: Action[];
}

function definition(spec: SubjectSpec, name = 'task'): TaskDefinition {
  return {
    registrationInfo: {},
    triggers: spec.triggers ?? [],
    principal: { userId: 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'LeastPrivilege' },
    settings: {
      ...DEFAULT_SETTINGS,
      ...(spec.timeLimit !== undefined ? { executionTimeLimit: spec.timeLimit } : {}),
      ...spec.settings,
    },
    actions: spec.actions ?? [{ kind: 'Exec', command: 'python.exe', arguments: `C:\\AGI\\${name}.py` }],
  };
}

export function subject(path: string, spec: SubjectSpec = {}): ConflictSubject {
  return {
    path,
    source: spec.source ?? 'declared',
    ...(spec.group !== undefined ? { group: spec.group } : {}),
    definition: definition(spec, path.replace(/^\\+/, '')),
    hasDeclaration: spec.declared ?? true,
  };
}

