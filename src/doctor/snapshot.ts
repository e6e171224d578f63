/**
 * The machine snapshot `doctor` analyses (contract "doctor"): what `capture-machine.ps1`
 * prints, what `--capture FILE` writes and what `--snapshot FILE` reads. Property names are
 * the ones Windows gives (Win32_Process, the TaskScheduler/Operational events); the file may
 * come from anywhere (a support case, a hand-made test), so every field is checked and a bad
 * one is named with its path (`processes[12].CommandLine: …`) before any rule runs.
 *
 * Dates arrive in the forms Windows tools write them: ISO 8601 (`ToString('o')`, what the
 * capture writes), the CIM/DMTF form `20251102221503.123456+540` (Get-WmiObject), and
 * Windows PowerShell 5.1's ConvertTo-Json form `/Date(1762090503000)/`. A time without an
 * offset is read as UTC; since every time in one snapshot is read alike, ages stay right.
 */
import { z } from 'zod';
import type { FileSystem } from '../core/context.js';
import { ValidationError, type Issue } from '../core/errors.js';
import { zodIssuesToIssues } from '../declaration/compile-config.js';
import { jsonErrorPosition } from '../declaration/json-error-position.js';
import { decodeTaskBytes } from '../schtasks/encoding.js';
import { MAX_SNAPSHOT_BYTES } from '../schtasks/backends/live-snapshot-json.js';
import { formatSize } from '../schtasks/backends/live-records.js';
import type { LiveTaskRecord } from '../schtasks/model.js';
import { parseLiveRecords } from '../schtasks/backends/live-records.js';
import { unwrapPowerShellArray } from '../schtasks/backends/powershell-output.js';

/** Windows caps a command line at 32,767 UTF-16 units (CreateProcess); anything longer is not from Windows. */
export const MAX_COMMAND_LINE = 32_767;
/** Problems listed before "… and N more" (a corrupt 50,000-event file must not print 50,000 lines). */
const MAX_LISTED_ISSUES = 25;

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DMTF = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+-])(\d{3})$/;
const CAPTURE_FORM = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,7})?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;
const MS_JSON = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/** Milliseconds since the epoch for a date in any of the forms above; undefined when it is none of them. */
export function parseWindowsDate(text: string): number | undefined {
  // What the capture writes (ToString('o'), an offset always present): V8's own parser is exact and fast.
  if (CAPTURE_FORM.test(text)) return Date.parse(text);
  const trimmed = text.trim();
  const json = MS_JSON.exec(trimmed);
  if (json) return Number(json[1]);
  const dmtf = DMTF.exec(trimmed);
  if (dmtf) {
    const [, y, mo, d, h, mi, s, micro, sign, offset] = dmtf;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(micro) / 1000);
    return utc - (sign === '-' ? -1 : 1) * Number(offset) * 60_000;
  }
  const iso = ISO.exec(trimmed);
  if (!iso) return undefined;
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = iso;
  const ms = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (Number.isNaN(utc) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (!zone || zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** The UTC offset (minutes) a date is written with: the machine's own clock, for showing times as it shows them. */
export function windowsDateOffset(text: string): number | undefined {
  const trimmed = text.trim();
  const dmtf = DMTF.exec(trimmed);
  if (dmtf) return (dmtf[8] === '-' ? -1 : 1) * Number(dmtf[9]);
  const zone = ISO.exec(trimmed)?.[8];
  if (zone === undefined) return undefined;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  return (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

const DATE_FORMS = 'ISO 8601 ("2025-11-02T22:45:00+09:00"), DMTF ("20251102224500.000000+540") or "/Date(ms)/"';

/** A date string (or PowerShell 5.1's `{ value: "/Date(…)/", DateTime: … }` wrapper) → epoch ms. */
const dateSchema = z
  .union([z.string(), z.object({ value: z.string() }).transform((o) => o.value)], {
    error: (issue) => (issue.input === undefined ? `is required: a date, ${DATE_FORMS}` : `expected a date: ${DATE_FORMS}`),
  })
  .transform((text, ctx) => {
    const ms = parseWindowsDate(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text.slice(0, 60)}" is not a date; expected ${DATE_FORMS}`, input: text });
      return z.NEVER;
    }
    return ms;
  });

const count = z.number().int().nonnegative();
const bytes = z.number().nonnegative();
/** PowerShell 5.1 may print an array as `{ value: [...], Count: n }`. */
const list = <T extends z.ZodType>(item: T) => z.preprocess(unwrapPowerShellArray, z.array(item));

export const processSchema = z.object({
  ProcessId: count,
  ParentProcessId: count.nullable().optional(),
  Name: z.string().max(260),
  // Null for processes the capturing account may not inspect (other users', protected ones).
  CommandLine: z.string().max(MAX_COMMAND_LINE, `is longer than ${MAX_COMMAND_LINE} characters, the most a Windows command line can hold`).nullable(),
  // Null for the System Idle Process and System.
  CreationDate: dateSchema.nullable(),
  WorkingSetSize: bytes.nullable().optional(),
  UserModeTime: bytes.nullable().optional(),
  KernelModeTime: bytes.nullable().optional(),
});

export const historySchema = z.object({
  TimeCreated: dateSchema,
  Id: count,
  TaskName: z.string().min(1).max(1024),
  ProcessId: count.nullable().optional(),
  // HRESULTs arrive unsigned (2147942401) or signed (-2147024894).
  ResultCode: z.number().int().nullable().optional(),
  InstanceId: z.string().max(100).nullable().optional(),
});

const snapshotSchema = z.object({
  capturedAt: dateSchema,
  computer: z.string().min(1).max(255).optional(),
  cpu: z.object({
    intervalSeconds: z.number().positive(),
    samples: list(z.number().min(0).max(100)),
  }),
  memory: z
    .object({ totalBytes: bytes.positive(), availableBytes: bytes })
    .refine((m) => m.availableBytes <= m.totalBytes, { message: 'availableBytes is larger than totalBytes', path: ['availableBytes'] }),
  processes: list(processSchema),
  history: list(historySchema),
  historyEnabled: z.boolean(),
  /** Why the history could not be read, when it could not (access denied, log missing). */
  historyError: z.string().nullable().optional(),
  /** The svchost process that hosts the Schedule service (Win32_Service), when the capture found it. */
  scheduleServiceProcessId: count.nullable().optional(),
  /** The window the history covers, in seconds (what `--history` asked for). */
  historySeconds: z.number().positive().nullable().optional(),
  tasks: z.unknown().optional(),
});

type ParsedProcess = z.output<typeof processSchema>;
type ParsedEvent = z.output<typeof historySchema>;

/**
 * The snapshot without its two long lists, for the fast path below: the lists are checked
 * element by element by `fastProcess`/`fastEvent`, and only when one of them refuses an
 * element is the whole document parsed by `snapshotSchema`, which then names every problem.
 */
const frameSchema = snapshotSchema.extend({ processes: z.array(z.unknown()), history: z.array(z.unknown()) });

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isBytes = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalOf = <T>(v: unknown, check: (v: unknown) => v is T): v is T | null | undefined => v === undefined || v === null || check(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const fastDate = (v: unknown): number | undefined => (typeof v === 'string' ? parseWindowsDate(v) : undefined);

/**
 * `processSchema`'s rules, by hand, for the common case (a capture of a healthy machine has
 * thousands of processes; zod takes ~10 µs each, this well under 1). Never more lenient than
 * the schema — a property test holds it to that — and anything it is unsure of goes to zod.
 */
export function fastProcess(v: unknown): ParsedProcess | undefined {
  if (!isRecord(v)) return undefined;
  const { ProcessId, ParentProcessId, Name, CommandLine, CreationDate, WorkingSetSize, UserModeTime, KernelModeTime } = v;
  if (!isCount(ProcessId) || !optionalOf(ParentProcessId, isCount) || typeof Name !== 'string' || Name.length > 260) return undefined;
  if (CommandLine !== null && (typeof CommandLine !== 'string' || CommandLine.length > MAX_COMMAND_LINE)) return undefined;
  if (!optionalOf(WorkingSetSize, isBytes) || !optionalOf(UserModeTime, isBytes) || !optionalOf(KernelModeTime, isBytes)) return undefined;
  const created = CreationDate === null ? null : fastDate(CreationDate);
  if (created === undefined) return undefined;
  return { ProcessId, ParentProcessId, Name, CommandLine, CreationDate: created, WorkingSetSize, UserModeTime, KernelModeTime };
}

/** `historySchema`'s rules, by hand (see `fastProcess`). */
export function fastEvent(v: unknown): ParsedEvent | undefined {
  if (!isRecord(v)) return undefined;
  const { TimeCreated, Id, TaskName, ProcessId, ResultCode, InstanceId } = v;
  if (!isCount(Id) || typeof TaskName !== 'string' || TaskName.length < 1 || TaskName.length > 1024) return undefined;
  if (!optionalOf(ProcessId, isCount) || !optionalOf(ResultCode, Number.isSafeInteger as (v: unknown) => v is number)) return undefined;
  if (!optionalOf(InstanceId, isString) || (typeof InstanceId === 'string' && InstanceId.length > 100)) return undefined;
  const at = fastDate(TimeCreated);
  if (at === undefined) return undefined;
  return { TimeCreated: at, Id, TaskName, ProcessId, ResultCode, InstanceId };
}

/** Every element through its fast check; undefined as soon as one is refused. */
function fastList<T>(items: readonly unknown[], check: (v: unknown) => T | undefined): T[] | undefined {
  const out: T[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = check(items[i]);
    if (item === undefined) return undefined;
    out[i] = item;
  }
  return out;
}

export interface SnapshotProcess {
  pid: number;
  parentPid: number | undefined;
  name: string;
  commandLine: string | undefined;
  createdMs: number | undefined;
  workingSetBytes: number | undefined;
  /** User plus kernel time, in seconds. */
  cpuSeconds: number | undefined;
}

export interface HistoryEvent {
  atMs: number;
  id: number;
  /** The full task path (`\AGI_X`, `\Sub\AGI_X`), as the events name it. */
  task: string;
  pid: number | undefined;
  resultCode: number | undefined;
  instanceId: string | undefined;
}

export interface MachineSnapshot {
  capturedAtMs: number;
  /** The offset capturedAt was written with (the machine's clock); undefined = UTC or unknown. */
  utcOffsetMinutes: number | undefined;
  computer: string | undefined;
  cpu: { intervalSeconds: number; samples: number[] };
  memory: { totalBytes: number; availableBytes: number };
  processes: SnapshotProcess[];
  history: HistoryEvent[];
  historyEnabled: boolean;
  historyError: string | undefined;
  historySeconds: number | undefined;
  scheduleServicePid: number | undefined;
  /** Live tasks under the prefix the snapshot carries; undefined when it carries none. */
  tasks: LiveTaskRecord[] | undefined;
}

/** Reads `--snapshot FILE` (UTF-8, or UTF-16 as Windows PowerShell 5.1's `Out-File` writes it). */
export async function readSnapshotFile(fs: FileSystem, path: string, prefix: string): Promise<MachineSnapshot> {
  const heading = `The snapshot ${path} is not usable`;
  let size: number;
  try {
    size = Number((await fs.stat(path)).size);
  } catch (error) {
    throw new ValidationError([{ path: '', message: `can't read it: ${(error as Error).message}` }], heading);
  }
  if (size > MAX_SNAPSHOT_BYTES) {
    throw new ValidationError([{ path: '', message: `it is ${formatSize(size)}; taskctl reads snapshots up to ${formatSize(MAX_SNAPSHOT_BYTES)}` }], heading);
  }
  const { text } = decodeTaskBytes(new Uint8Array(await fs.readFile(path)));
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') throw new ValidationError([{ path: '', message: 'the file is empty; expected the JSON document `taskctl doctor --capture FILE` writes' }], heading);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const at = jsonErrorPosition(json);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    throw new ValidationError([{ path: '', message: `not valid JSON${where}: ${(error as Error).message.slice(0, 200)}` }], heading);
  }
  return readSnapshot(value, path, prefix);
}

/** Checks a parsed snapshot document and turns it into the analysis model; throws a ValidationError naming every bad field. */
export function readSnapshot(value: unknown, where: string, prefix: string): MachineSnapshot {
  const heading = `The snapshot ${where} is not usable`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(
      [{ path: '', message: `expected a JSON object { capturedAt, cpu, memory, processes, history, historyEnabled, … }, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` }],
      heading,
    );
  }
  const data = parseFast(value) ?? parseFully(value, heading);
  let tasks: LiveTaskRecord[] | undefined;
  if (data.tasks !== undefined && data.tasks !== null) {
    try {
      tasks = parseLiveRecords(unwrapPowerShellArray(data.tasks), prefix, `${where} "tasks"`);
    } catch (error) {
      throw new ValidationError([{ path: 'tasks', message: (error as Error).message }], heading);
    }
  }
  const optional = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
  const rawCapturedAt = (value as { capturedAt?: unknown }).capturedAt;
  return {
    capturedAtMs: data.capturedAt,
    utcOffsetMinutes: typeof rawCapturedAt === 'string' ? windowsDateOffset(rawCapturedAt) : undefined,
    computer: data.computer,
    cpu: data.cpu,
    memory: data.memory,
    processes: data.processes.map((p) => ({
      pid: p.ProcessId,
      parentPid: optional(p.ParentProcessId),
      name: p.Name,
      commandLine: optional(p.CommandLine),
      createdMs: optional(p.CreationDate),
      workingSetBytes: optional(p.WorkingSetSize),
      cpuSeconds: p.UserModeTime == null && p.KernelModeTime == null ? undefined : ((p.UserModeTime ?? 0) + (p.KernelModeTime ?? 0)) / 1e7,
    })),
    history: data.history.map((e) => ({
      atMs: e.TimeCreated,
      id: e.Id,
      task: e.TaskName,
      pid: optional(e.ProcessId),
      resultCode: optional(e.ResultCode),
      instanceId: optional(e.InstanceId)?.toUpperCase(),
    })),
    historyEnabled: data.historyEnabled,
    historyError: optional(data.historyError),
    historySeconds: optional(data.historySeconds),
    scheduleServicePid: optional(data.scheduleServiceProcessId),
    tasks,
  };
}

type ParsedSnapshot = z.output<typeof snapshotSchema>;

/** The fast path: the frame by zod, the long lists by hand; undefined when anything needs zod's eye. */
function parseFast(value: unknown): ParsedSnapshot | undefined {
  const frame = frameSchema.safeParse(value);
  if (!frame.success) return undefined;
  const processes = fastList(frame.data.processes, fastProcess);
  const history = processes && fastList(frame.data.history, fastEvent);
  return processes && history ? { ...frame.data, processes, history } : undefined;
}

function parseFully(value: unknown, heading: string): ParsedSnapshot {
  const parsed = snapshotSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new ValidationError(capIssues(zodIssuesToIssues(parsed.error.issues)), heading);
  return parsed.data;
}

function capIssues(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  return [...issues.slice(0, MAX_LISTED_ISSUES), { path: '', message: `… and ${issues.length - MAX_LISTED_ISSUES} more problem(s)` }];
}
