#!/usr/bin/env node
/**
 * How long `taskctl doctor --snapshot` takes on a big machine: whole processes of the built
 * CLI against a bare `node -e 0` started in the same run, interleaved.
 *
 *   node bench/doctor.mjs [--runs N] [--processes 5000] [--events 50000]
 *
 * Cases: the 5,000 processes × 50,000 Task Scheduler events, the same machine twice
 * as big (the time should double at most: every rule indexes by pid or task, none compares
 * pairs), and the shipped troubled example as text. The generated machine is the fleet of
 * src/tasks gone wrong at scale: a third of the processes run its scripts (launchers with
 * their interpreters, loops, strays, many duplicates), the rest are other programs; the
 * events are the fleet's runs, skips, timeouts and failures over a day.
 * Needs a build (`npm run build`). Writes bench/results/doctor.json.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo, timingTable, withRatios, writeResults } from './report.mjs';
import { defineCase, measureAll } from './timing.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'dist', 'bin.js');
const resultsPath = join(repoRoot, 'bench', 'results', 'doctor.json');
/** "A small multiple of a bare node start" (issue 16). */
const TARGET = 10;
const log = (line) => process.stderr.write(`${line}\n`);

const SCRIPTS = [
  ['python', 'check_health.py'], ['python', 'collect_events.py'], ['python', 'circuit_breaker_router.py'],
  ['powershell', 'auto_restart_local_llm.ps1'], ['powershell', 'performance_benchmark.ps1'], ['powershell', 'analyze_latency_spikes.ps1'],
  ['powershell', 'diagnose_performance.ps1'],
];
const TASKS = ['\\AGI_Health_Check', '\\AGI_LLM_Monitor', '\\AGI_Performance_Monitor', '\\AGI_Event_Collector', '\\AGI_Daily_Diagnosis', '\\AGI_Latency_Spike_Analysis', '\\AGI_Circuit_Breaker_Router'];
const CAPTURED = Date.parse('2025-11-02T22:45:00+09:00');

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms) => `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 23)}0000+09:00`;

/** A machine with `processes` processes and `events` history events. */
export function bigSnapshot(processes, events, seed = 16) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const list = [
    { ProcessId: 4, ParentProcessId: 0, Name: 'System', CommandLine: null, CreationDate: null, WorkingSetSize: 1, UserModeTime: 1, KernelModeTime: 1 },
    { ProcessId: 1820, ParentProcessId: 860, Name: 'svchost.exe', CommandLine: 'C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p -s Schedule', CreationDate: iso(CAPTURED - 86_400_000), WorkingSetSize: 1, UserModeTime: 1, KernelModeTime: 1 },
  ];
  let pid = 2000;
  const add = (parent, name, cmd, created) => {
    pid += 4;
    list.push({ ProcessId: pid, ParentProcessId: parent, Name: name, CommandLine: cmd, CreationDate: iso(created), WorkingSetSize: Math.floor(rand() * 2 ** 28), UserModeTime: Math.floor(rand() * 1e9), KernelModeTime: Math.floor(rand() * 1e8) });
    return pid;
  };
  const loops = [];
  while (list.length < processes) {
    const created = CAPTURED - Math.floor(rand() * 86_400_000);
    if (rand() < 0.34) {
      const [kind, script] = pick(SCRIPTS);
      const flag = rand() < 0.05 ? ' -Continuous' : '';
      const parent = rand() < 0.5 ? 1820 : loops.length > 0 && rand() < 0.5 ? pick(loops) : 5000 + Math.floor(rand() * 100);
      if (kind === 'python') {
        const args = `C:\\AGI\\scripts\\${script}${flag}`;
        const launcher = add(parent, 'python.exe', `C:\\AGI\\.venv\\Scripts\\python.exe ${args}`, created);
        add(launcher, 'python.exe', `"C:\\Python313\\python.exe" ${args}`, created + 30);
      } else {
        const loop = add(parent, 'powershell.exe', `powershell.exe -NoProfile -File "C:\\AGI\\scripts\\${script}"${flag}`, created);
        if (flag) loops.push(loop);
      }
    } else {
      const other = pick(['chrome.exe --type=renderer', 'Code.exe --type=utility', 'svchost.exe -k LocalService', 'RuntimeBroker.exe -Embedding', 'conhost.exe 0x4', 'python.exe -m jupyter lab']);
      add(pick([4410, 860, 5120]), other.split(' ')[0], `"C:\\Program Files\\App\\${other}`, created);
    }
  }
  const pids = list.map((p) => p.ProcessId);
  const history = [];
  let instance = 0;
  while (history.length < events) {
    const task = pick(TASKS);
    const at = CAPTURED - Math.floor(rand() * 86_400_000);
    const id = `{00000000-0000-4000-8000-${String(instance++).padStart(12, '0')}}`;
    const runPid = rand() < 0.3 ? pick(pids) : 100_000 + instance;
    const roll = rand();
    if (roll < 0.1) history.push({ TimeCreated: iso(at), Id: 322, TaskName: task, ProcessId: null, ResultCode: null, InstanceId: id });
    else if (roll < 0.13) history.push({ TimeCreated: iso(at), Id: 329, TaskName: task, ProcessId: null, ResultCode: null, InstanceId: id }, { TimeCreated: iso(at + 100), Id: 111, TaskName: task, ProcessId: null, ResultCode: null, InstanceId: id });
    else {
      history.push(
        { TimeCreated: iso(at), Id: 129, TaskName: task, ProcessId: runPid, ResultCode: null, InstanceId: null },
        { TimeCreated: iso(at + 10), Id: 100, TaskName: task, ProcessId: null, ResultCode: null, InstanceId: id },
        { TimeCreated: iso(at + 20), Id: 200, TaskName: task, ProcessId: runPid, ResultCode: null, InstanceId: id },
        { TimeCreated: iso(at + 40_000), Id: 201, TaskName: task, ProcessId: runPid, ResultCode: rand() < 0.05 ? 2147942401 : 0, InstanceId: id },
        { TimeCreated: iso(at + 40_010), Id: 102, TaskName: task, ProcessId: null, ResultCode: null, InstanceId: id },
      );
    }
  }
  history.length = events;
  const total = 32 * 1024 ** 3;
  return {
    capturedAt: iso(CAPTURED), computer: 'BENCH-PC',
    cpu: { intervalSeconds: 1, samples: Array.from({ length: 30 }, () => Math.round(rand() * 1000) / 10) },
    memory: { totalBytes: total, availableBytes: Math.floor(total * 0.4) },
    processes: list, history, historyEnabled: true, historySeconds: 86400, scheduleServiceProcessId: 1820,
  };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, processes: { type: 'string', default: '5000' }, events: { type: 'string', default: '50000' } } });
  const runs = Number(values.runs);
  const processes = Number(values.processes);
  const events = Number(values.events);
  if (!existsSync(bin)) {
    log(`bench: ${bin} is missing. Build first: npm run build`);
    return 1;
  }
  const dir = await mkdtemp(join(tmpdir(), 'taskctl-bench-doctor-'));
  try {
    const single = join(dir, 'machine.json');
    const double = join(dir, 'machine-2x.json');
    await writeFile(single, JSON.stringify(bigSnapshot(processes, events)));
    await writeFile(double, JSON.stringify(bigSnapshot(processes * 2, events * 2)));
    log(`bench: snapshots of ${processes} processes × ${events} events and twice that in ${dir}`);
    const cases = [
      defineCase({ name: 'bare-node', label: 'node -e 0 (bare start)', args: ['-e', '0'] }),
      // For scale: what any taskctl command costs before it does its work, measured in the same run.
      defineCase({ name: 'help', label: 'taskctl --help (cold start)', args: [bin, '--help'] }),
      defineCase({ name: 'doctor', label: `doctor --snapshot, ${processes} processes × ${events} events --json`, args: [bin, 'doctor', '--snapshot', single, '--json'], accept: [0, 2], target: TARGET }),
      defineCase({ name: 'doctor-2x', label: `doctor --snapshot, ${processes * 2} processes × ${events * 2} events --json`, args: [bin, 'doctor', '--snapshot', double, '--json'], accept: [0, 2] }),
      defineCase({ name: 'doctor-troubled', label: 'doctor --snapshot examples/troubled-machine.snapshot.json (text)', args: [bin, 'doctor', '--snapshot', join(repoRoot, 'examples', 'troubled-machine.snapshot.json')], accept: [2] }),
    ];
    log(`bench: timing ${runs} run(s) of each, interleaved`);
    const rows = withRatios(measureAll(cases, { runs, cwd: dir, log }), 'bare-node');
    const single1 = rows.find((r) => r.name === 'doctor');
    const double1 = rows.find((r) => r.name === 'doctor-2x');
    const bare = rows.find((r) => r.name === 'bare-node');
    const growth = single1 && double1 && bare && !single1.failed && !double1.failed
      ? Math.round(((double1.medianMs - bare.medianMs) / (single1.medianMs - bare.medianMs)) * 100) / 100
      : undefined;
    await writeResults(resultsPath, { date: new Date().toISOString(), machine: machineInfo(), processes, events, runs, timings: rows, growthWhenDoubled: growth });
    const m = machineInfo();
    process.stdout.write(`\nMachine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}\n\n${timingTable(rows)}\n\n`);
    if (growth !== undefined) process.stdout.write(`Doubling the machine multiplies doctor's own time (above a bare start) by ${growth}.\n`);
    for (const row of rows.filter((r) => r.failed)) process.stdout.write(`FAILED ${row.label} (exit ${row.status}):\n${row.stderr.slice(0, 2000)}\n`);
    return rows.some((r) => r.failed) ? 1 : 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
