/**
 * Finds the one JSON document a template printed. A profile banner, module
 * warnings or a BOM may surround it, so the templates print it between two
 * sentinel lines and this takes what lies between the last pair.
 */
import type { ProcessResult } from '../../core/process-runner.js';
import { BackendError } from '../../core/errors.js';
import { excerpt, noResultError, scriptFailureError, type ScriptErrorInfo } from './scheduler-errors.js';

/** Printed on a line of its own before the result JSON. */
export const RESULT_START = '@@TASKCTL-JSON@@';
/** Printed on a line of its own after the result JSON. */
export const RESULT_END = '@@TASKCTL-END@@';

/** A template's result document: `ok` plus whatever the template reports. */
export interface ScriptDocument {
  ok: boolean;
  error?: ScriptErrorInfo;
  [key: string]: unknown;
}

/** The text between the last start sentinel and the end sentinel after it; undefined when there is no start sentinel. */
export function findResultText(stdout: string): string | undefined {
  const start = stdout.lastIndexOf(RESULT_START);
  if (start < 0) return undefined;
  const from = start + RESULT_START.length;
  const end = stdout.indexOf(RESULT_END, from);
  return (end < 0 ? stdout.slice(from) : stdout.slice(from, end)).replace(/^\uFEFF/, '').trim();
}

/**
 * The parsed result document of a template run. Throws a BackendError when the
 * script printed nothing usable, printed malformed JSON, or reported `ok: false`
 * without per-operation results.
 */
export function readScriptDocument(script: string, result: ProcessResult, options: { resultsKey?: string } = {}): ScriptDocument {
  const text = findResultText(result.stdout);
  if (text === undefined) throw noResultError(script, result.exitCode, result.stdout, result.stderr);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BackendError(
      `${script} printed a result that is not valid JSON (${(error as Error).message}; exit code ${result.exitCode}). It began: ${excerpt(text)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { ok?: unknown }).ok !== 'boolean') {
    throw new BackendError(`${script} printed JSON without the expected "ok" field (exit code ${result.exitCode}): ${excerpt(text)}`);
  }
  const document = parsed as ScriptDocument;
  if (options.resultsKey !== undefined) document[options.resultsKey] = unwrapPowerShellArray(document[options.resultsKey]);
  const hasResults = options.resultsKey !== undefined && Array.isArray(document[options.resultsKey]);
  if (!document.ok && !hasResults) throw scriptFailureError(script, document.error ?? { message: `exit code ${result.exitCode}` });
  if (document.ok && result.exitCode !== 0 && !hasResults) {
    throw new BackendError(`${script} reported success but exited with code ${result.exitCode}; not trusting its output.`);
  }
  return document;
}

/**
 * Windows PowerShell 5.1 sometimes serializes an array wrapped in a PSObject as
 * `{ "value": [...], "Count": n }`; this unwraps that shape and leaves anything else alone.
 */
export function unwrapPowerShellArray(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (Array.isArray(record.value) && keys.every((k) => k === 'value' || k === 'Count')) return record.value;
  return value;
}
