/** Small helpers for building plain, JSON-serializable model objects. */

/**
 * Returns `value` without its `undefined`-valued keys (shallow), so that
 * "absent" is one spelling: no key at all. Deep equality and JSON output then agree.
 */
export function dropUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}
