/**
 * Which `Task@version` a definition needs (pitfalls.md §4.3). Windows rejects
 * an element its declared version does not know (dahall#789 shows the other
 * direction: a needlessly high version fails on older hosts), so the renderer
 * writes the lowest version that holds every element present, floor 1.2.
 *
 * Presence decides, not value: `<UseUnifiedSchedulingEngine>false</…>` is
 * still a 1.3 element, and Windows checks elements, not values.
 */
import type { TaskDefinition } from './model.js';

export type SchemaVersion = '1.2' | '1.3' | '1.4';

export function lowestSchemaVersion(def: TaskDefinition): SchemaVersion {
  const s = def.settings;
  if (s.maintenanceSettings !== undefined || s.volatile !== undefined) return '1.4';
  const p = def.principal;
  if (
    p?.processTokenSidType !== undefined ||
    p?.requiredPrivileges !== undefined ||
    s.disallowStartOnRemoteAppSession !== undefined ||
    s.useUnifiedSchedulingEngine !== undefined
  ) {
    return '1.3';
  }
  return '1.2';
}

/** Compares dotted versions numerically (`1.10` > `1.9`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * The version the renderer writes: the lowest that holds the typed elements,
 * raised to the source's `version` when the task carries raw elements (an
 * undocumented trigger such as `WnfStateChangeTrigger` may need the version it came with).
 */
export function renderedSchemaVersion(def: TaskDefinition): string {
  const lowest = lowestSchemaVersion(def);
  const hasRaw = def.triggers.some((t) => t.kind === 'Raw') || def.actions.some((a) => a.kind === 'Raw');
  const source = def.version?.trim();
  if (hasRaw && source && /^\d+(\.\d+){1,3}$/.test(source) && compareVersions(source, lowest) > 0) return source;
  return lowest;
}
