/**
 * A simulated Task Scheduler folder for one test (TASKCTL_SCHEDULER_SIMULATOR=DIR):
 * `DIR/<computer>/` per computer, `.simulator.json` settings, and task files read and
 * written the way Windows keeps them (UTF-16LE with BOM). Removed when the test ends.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { decodeTaskBytes, encodeTaskFile } from '../../src/schtasks/encoding.js';

/** DIR/NAME/.simulator.json: see templates/simulator/scheduler.ps1. */
export interface SimulatorSettings {
  windows?: '10' | '11-24H2';
  denied?: string[];
  deniedTasks?: string[];
  elevated?: boolean;
  accounts?: { name: string; sid: string; password?: string; batchLogon?: boolean }[];
  userIds?: 'as-given' | 'sid';
}

export interface SimulatorDir {
  /** The value of TASKCTL_SCHEDULER_SIMULATOR. */
  root: string;
  /** `root/<computer>`. */
  computer(name?: string): string;
  configure(settings: SimulatorSettings, computer?: string): void;
  /** Writes a task file the way Windows does; `folder` like `\A\B\`. */
  writeTask(folder: string, name: string, xml: string, computer?: string): string;
  /** The bytes and decoded text of a task file; undefined when there is none. */
  readTask(folder: string, name: string, computer?: string): { bytes: Buffer; text: string } | undefined;
  /** Every task file under a computer, as `\Folder\Name` paths, sorted (dot-files such as .simulator.json and .machine.json are not tasks). */
  listTasks(computer?: string): string[];
  /** Modification times of every task file, to prove nothing was written. */
  snapshot(computer?: string): Map<string, number>;
}

/**
 * A simulated machine (`DIR/<computer>/.machine.json`, templates/simulator/machine.ps1) with
 * nothing wrong: low CPU and memory, no processes, the Schedule service, history on and empty.
 * `extra` replaces whole top-level fields.
 */
export function healthyMachine(computerName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    computerName,
    localDateTime: '2025-01-06T09:00:00+09:00',
    memory: { totalBytes: 34359738368, availableBytes: 30000000000 },
    cpu: { processors: 4, samples: [3, 4, 5] },
    processes: [],
    services: [{ Name: 'Schedule', ProcessId: 1820 }],
    historyEnabled: true,
    events: [],
    ...extra,
  };
}

export function createSimulatorDir(computers: string[] = ['localhost']): SimulatorDir {
  const root = mkdtempSync(join(tmpdir(), 'taskctl-sim-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }), 120_000);
  for (const name of computers) mkdirSync(join(root, name), { recursive: true });
  const computer = (name = 'localhost') => join(root, name);
  const folderDir = (folder: string, name?: string) => join(computer(name), ...folder.split('\\').filter(Boolean));

  const walk = (dir: string, path: string, found: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${path}${entry.name}\\`, found);
      else found.push(`${path}${entry.name}`);
    }
  };

  return {
    root,
    computer,
    configure(settings, name) {
      writeFileSync(join(computer(name), '.simulator.json'), JSON.stringify(settings, null, 2));
    },
    writeTask(folder, name, xml, computerName) {
      const dir = folderDir(folder, computerName);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, name);
      writeFileSync(file, encodeTaskFile(xml));
      return file;
    },
    readTask(folder, name, computerName) {
      try {
        const bytes = readFileSync(join(folderDir(folder, computerName), name));
        return { bytes, text: decodeTaskBytes(new Uint8Array(bytes)).text };
      } catch {
        return undefined;
      }
    },
    listTasks(name) {
      const found: string[] = [];
      walk(computer(name), '\\', found);
      return found.sort();
    },
    snapshot(name) {
      const found: string[] = [];
      walk(computer(name), '\\', found);
      return new Map(found.map((path) => [path, statSync(join(computer(name), ...path.split('\\').filter(Boolean))).mtimeMs]));
    },
  };
}
