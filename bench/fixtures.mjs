/**
 * Benchmark fixtures, generated into a temp folder on every run (never committed):
 * a declaration JSON of N tasks, a live snapshot JSON of the same N tasks where
 * half are drifted, and a `--store` folder (System32\Tasks layout) holding that snapshot.
 *
 * The matching live XML is what the built CLI's own `render` writes, so "unchanged"
 * really means unchanged; the drift is a text substitution on that XML.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const GROUP_COUNT = 10;
export const PREFIX = 'AGI';
const FOLDER = '\\Bench\\';

/** Repetition interval of task `i`: 5…60 minutes, spread over the fleet. */
function intervalMinutes(i) {
  return 5 + ((i * 7) % 56);
}

/**
 * The contract's JSON declaration shape: N time-triggered tasks in 10 groups,
 * each repeating every 5–60 minutes from a start spread over the first hour, each run
 * limited to `timeLimit` (the conflict benchmarks use the 1-minute limit).
 */
export function makeDeclarations(taskCount, { timeLimit = 'PT2M' } = {}) {
  const tasks = [];
  for (let i = 0; i < taskCount; i += 1) {
    const id = String(i).padStart(4, '0');
    const minute = String(i % 60).padStart(2, '0');
    tasks.push({
      name: `${PREFIX}_Bench_${id}`,
      folder: FOLDER,
      actions: [{ command: 'python.exe', arguments: `C:\\AGI\\jobs\\job_${id}.py --once` }],
      triggers: [{ type: 'time', start: `2025-01-01T00:${minute}:00`, repeat: { interval: `PT${intervalMinutes(i)}M` } }],
      timeLimit,
      group: `group-${i % GROUP_COUNT}`,
    });
  }
  return { prefix: PREFIX, tasks };
}

/**
 * How many runs the fleet of `makeDeclarations(taskCount)` starts in `[from, from + horizonMinutes)`
 * from `from` = 2025-01-06T00:00 (five days after the starts), so the conflict benchmarks can report time per run.
 */
export function runCount(taskCount, horizonMinutes, fromMinute = 5 * 24 * 60) {
  let runs = 0;
  for (let i = 0; i < taskCount; i += 1) {
    const interval = intervalMinutes(i);
    const first = i % 60;
    const k0 = Math.ceil((fromMinute - first) / interval);
    const k1 = Math.ceil((fromMinute + horizonMinutes - first) / interval);
    runs += k1 - k0;
  }
  return runs;
}

/** Writes the conflict benchmarks' fleet (1-minute limits) for `taskCount` tasks; returns its path. */
export async function writeConflictFleet(dir, taskCount) {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `conflict-fleet-${taskCount}.json`);
  await writeFile(file, JSON.stringify(makeDeclarations(taskCount, { timeLimit: 'PT1M' })));
  return file;
}

/** Runs the built CLI's `render --out` and returns every file as { folder, name, xml }. */
export async function renderWithCli(binPath, configPath, outDir) {
  const result = spawnSync(process.execPath, [binPath, 'render', '--config', configPath, '--out', outDir, '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) {
    throw new Error(`render failed (exit ${result.status ?? result.signal}); the snapshot needs it:\n${result.stderr}`);
  }
  const files = [];
  for (const path of await listFiles(outDir)) {
    if (!path.endsWith('.xml')) continue;
    const parts = relative(outDir, path).split(sep);
    const name = parts.pop().replace(/\.xml$/, '');
    const folder = parts.length === 0 ? '\\' : `\\${parts.join('\\')}\\`;
    files.push({ folder, name, xml: decodeTaskFile(await readFile(path)) });
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  return files;
}

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

/** render writes UTF-16LE with a BOM, as Windows does; accept UTF-8 too. */
function decodeTaskFile(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

/**
 * Drifts one task: every second drifted one gets another repetition interval,
 * the others another argument string. Returns the new XML and whether it really changed,
 * so a renderer that spells things differently can't silently leave no drift.
 */
export function driftXml(xml, index) {
  const drifted =
    index % 4 === 0
      ? xml.replace(/<Interval>[^<]*<\/Interval>/, '<Interval>PT3M</Interval>')
      : xml.replace(/(<Arguments>[^<]*)(<\/Arguments>)/, '$1 --drifted$2');
  return { xml: drifted, changed: drifted !== xml };
}

/**
 * The live snapshot as `Get-ScheduledTask | ConvertTo-Json` prints it: half of
 * the tasks exactly as rendered, half drifted. `State` alternates between the
 * string and the PowerShell 5.1 enum number, as real snapshots do.
 */
export function makeSnapshot(rendered) {
  let drifted = 0;
  const records = rendered.map((file, i) => {
    let xml = file.xml;
    // Even indexes drift, so a one-task fleet is drifted too.
    if (i % 2 === 0) {
      const result = driftXml(xml, i);
      if (result.changed) drifted += 1;
      xml = result.xml;
    }
    return { TaskPath: file.folder, TaskName: file.name, State: i % 3 === 0 ? 3 : 'Ready', Xml: xml };
  });
  return { records, drifted };
}

/** Writes the snapshot's tasks as a store folder: `<folder>/<name>.xml`, UTF-16LE with BOM. */
export async function writeStore(records, storeDir) {
  for (const record of records) {
    const dir = join(storeDir, ...record.TaskPath.split('\\').filter(Boolean));
    await mkdir(dir, { recursive: true });
    const body = Buffer.from(record.Xml, 'utf16le');
    await writeFile(join(dir, `${record.TaskName}.xml`), Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
  }
}

/** Generates every fixture for `taskCount` tasks under `dir` (the store folder unless `store: false`); returns their paths and counts. */
export async function generateFixtures({ binPath, dir, taskCount, store: withStore = true }) {
  await mkdir(dir, { recursive: true });
  const config = join(dir, `fleet-${taskCount}.json`);
  await writeFile(config, JSON.stringify(makeDeclarations(taskCount), null, 2));
  const rendered = await renderWithCli(binPath, config, join(dir, `rendered-${taskCount}`));
  if (rendered.length !== taskCount) {
    throw new Error(`render wrote ${rendered.length} files for ${taskCount} declared tasks`);
  }
  const { records, drifted } = makeSnapshot(rendered);
  const snapshot = join(dir, `live-${taskCount}.json`);
  await writeFile(snapshot, JSON.stringify(records, null, 2));
  const store = withStore ? join(dir, `store-${taskCount}`) : undefined;
  if (store) await writeStore(records, store);
  return { config, snapshot, store, records, taskCount, drifted };
}
