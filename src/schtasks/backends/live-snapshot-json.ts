/**
 * Reads a `--live FILE` snapshot: what `Get-ScheduledTask … | ConvertTo-Json`
 * prints (contract "Live snapshot JSON"), saved by Windows PowerShell 5.1's
 * `Out-File`/`>` (UTF-16LE with BOM), PowerShell 7 (UTF-8) or anything else.
 */
import type { FileSystem } from '../../core/context.js';
import type { LiveTaskRecord } from '../model.js';
import { BackendError } from '../../core/errors.js';
import { decodeTaskBytes } from '../encoding.js';
import { formatSize, parseLiveRecords } from './live-records.js';
import { LIMITS } from '../model.js';

/** The largest snapshot file read: room for hundreds of tasks, and a bound on memory. */
export const MAX_SNAPSHOT_BYTES = LIMITS.snapshotBytes;

/** The records under `prefix` in the snapshot file at `path`. */
export async function readLiveSnapshotFile(fs: FileSystem, path: string, prefix: string): Promise<LiveTaskRecord[]> {
  const stats = await fs.stat(path);
  if (Number(stats.size) > MAX_SNAPSHOT_BYTES) {
    throw new BackendError(`--live ${path} is ${formatSize(Number(stats.size))}; taskctl reads snapshots up to ${formatSize(MAX_SNAPSHOT_BYTES)}.`);
  }
  const { text } = decodeTaskBytes(new Uint8Array(await fs.readFile(path)));
  return parseLiveSnapshotText(text, path, prefix);
}

/** The records under `prefix` in snapshot JSON text; `where` names the file in errors. */
function parseLiveSnapshotText(text: string, where: string, prefix: string): LiveTaskRecord[] {
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim().length === 0) throw new BackendError(`--live ${where} is empty; expected the JSON that Get-ScheduledTask … | ConvertTo-Json prints.`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new BackendError(`--live ${where} is not valid JSON: ${describeJsonError(error as Error, json)}`);
  }
  if (value === null || typeof value !== 'object') {
    throw new BackendError(`--live ${where}: expected an array of tasks (or one task object), found ${value === null ? 'null' : typeof value}.`);
  }
  return parseLiveRecords(value, prefix, `--live ${where}`);
}

/** V8's message with the position turned into line and column, and the text around it. */
function describeJsonError(error: Error, json: string): string {
  const position = /position (\d+)/.exec(error.message)?.[1];
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  let offset: number | undefined = position === undefined ? undefined : Number(position);
  if (offset === undefined && lineColumn) offset = offsetOf(json, Number(lineColumn[1]), Number(lineColumn[2]));
  if (offset === undefined) return error.message;
  const before = json.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const near = json.slice(Math.max(0, offset - 30), offset + 30).replace(/\s+/g, ' ');
  const message = error.message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return `${message} at line ${line}, column ${column} (near "${near}")`;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}
