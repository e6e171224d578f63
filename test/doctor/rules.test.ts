import { describe, expect, it } from 'vitest';
import { describeResultCode } from '../../src/doctor/history.js';
import { JobIndex, jobsOfTask } from '../../src/doctor/jobs.js';
import { BASE_PYTHON, CONFIG, PS, SCHEDULE_PID, VENV, candidatePids, ev, finding, kinds, liveTasks, proc, run, snapshotDoc, type RawEvent, type RawProcess } from './helpers.js';

const HEALTH = `${VENV} C:\\AGI\\scripts\\check_health.py`;
const MONITOR = `${PS} -NoProfile -File "C:\\AGI\\scripts\\monitor.ps1"`;

/** Who the model says started `pid`. */
function starterOf(processes: RawProcess[], history: RawEvent[], pid: number, extra: Record<string, unknown> = {}) {
  const diagnosis = run(snapshotDoc({ processes, history, extra }));
  const found = diagnosis.model.runOf.get(pid);
  if (!found) throw new Error(`pid ${pid} is not a run of a job`);
  return found.startedBy;
}

describe('who started a process (parent detection)', () => {
  const cases: Array<{ name: string; processes: RawProcess[]; history?: RawEvent[]; pid: number; expected: unknown; extra?: Record<string, unknown> }> = [
    {
      name: 'its pid is the one event 129 names, at its creation',
      processes: [proc(4120, 999, HEALTH, '22:30:01')],
      history: [ev(129, '\\AGI_Health', '22:30:00', { pid: 4120 })],
      pid: 4120,
      expected: { by: 'task-scheduler', tasks: ['\\AGI_Health'], evidence: 'history' },
    },
    {
      name: 'the event 200 EnginePID names it (no 129)',
      processes: [proc(4120, 999, HEALTH, '22:30:01')],
      history: [ev(200, '\\AGI_Health', '22:30:00', { pid: 4120, instance: '{A}' })],
      pid: 4120,
      expected: { by: 'task-scheduler', tasks: ['\\AGI_Health'], evidence: 'history' },
    },
    {
      name: 'the history names its pid, but hours before it was created: the number was reused',
      processes: [proc(4120, 5120, HEALTH, '22:30:01')],
      history: [ev(129, '\\AGI_Health', '19:30:00', { pid: 4120 })],
      pid: 4120,
      expected: { by: 'other' },
    },
    {
      name: 'its parent is the svchost of the Schedule service (no history)',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:30:01')],
      pid: 4120,
      expected: { by: 'task-scheduler', tasks: ['\\AGI_Health'], evidence: 'schedule-service' },
    },
    {
      name: 'the Schedule service is found by its command line when the capture did not name its pid',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:30:01')],
      extra: { scheduleServiceProcessId: null },
      pid: 4120,
      expected: { by: 'task-scheduler', tasks: ['\\AGI_Health'], evidence: 'schedule-service' },
    },
    {
      name: 'a "parent" with the Schedule pid that is younger than the child is a stranger',
      processes: [proc(4120, 2222, HEALTH, '07:00'), proc(2222, 860, 'C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p -s Schedule', '08:00')],
      extra: { scheduleServiceProcessId: 2222 },
      pid: 4120,
      expected: { by: 'other' },
    },
    {
      name: 'its parent, a cmd.exe wrapper, is a task run and it runs the same job',
      processes: [proc(3000, 999, 'cmd.exe /c python C:\\AGI\\scripts\\check_health.py', '22:30:01'), proc(3010, 3000, 'python C:\\AGI\\scripts\\check_health.py', '22:30:02')],
      history: [ev(129, '\\AGI_Health', '22:30:00', { pid: 3000 })],
      pid: 3010,
      expected: { by: 'task-scheduler', tasks: ['\\AGI_Health'], evidence: 'parent' },
    },
    {
      name: 'its parent has exited, and the history says \\AGI_Health created the parent before it',
      processes: [proc(4130, 4120, `"${BASE_PYTHON}" C:\\AGI\\scripts\\check_health.py`, '22:30:02')],
      history: [ev(129, '\\AGI_Health', '22:30:00', { pid: 4120 })],
      pid: 4130,
      expected: { by: 'task-scheduler', tasks: ['\\AGI_Health'], evidence: 'parent' },
    },
    {
      name: 'its parent has exited, and the history says another known task created that pid',
      processes: [proc(4130, 4120, HEALTH, '22:30:02')],
      history: [ev(129, '\\AGI_Monitor', '22:30:00', { pid: 4120 })],
      pid: 4130,
      expected: { by: 'other' },
    },
    {
      name: 'a loop Task Scheduler started starts it: the loop is the task run, not the child',
      processes: [proc(3312, SCHEDULE_PID, `${MONITOR} -Continuous`, '09:00'), proc(4120, 3312, HEALTH, '22:30')],
      pid: 4120,
      expected: { by: 'other' },
    },
    {
      name: 'started from an interactive console',
      processes: [proc(4120, 5120, HEALTH, '22:30')],
      pid: 4120,
      expected: { by: 'other' },
    },
  ];
  it.each(cases)('$name', ({ processes, history, pid, expected, extra }) => {
    expect(starterOf(processes, history ?? [], pid, extra)).toEqual(expected);
  });

  it('a run Task Scheduler started is not a stray; one it did not start is, named with its parent', () => {
    const d = run(snapshotDoc({ processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:43'), proc(4200, 5120, `${VENV} C:\\AGI\\scripts\\check_health.py --quick`, '22:40')] }));
    const [stray] = finding(d, 'stray-process');
    expect(stray?.processes).toEqual([4200]);
    expect(stray?.message).toContain('started by pid 5120 powershell.exe');
    expect(stray?.tasks).toEqual(['\\AGI_Health']);
  });
});

describe('a venv launcher and its interpreter are one run and one Python process', () => {
  const cases: Array<{ name: string; processes: RawProcess[]; python: { processes: number; counted: number } }> = [
    {
      name: 'venv launcher + interpreter with the same arguments',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:30:01'), proc(4130, 4120, `"${BASE_PYTHON}" C:\\AGI\\scripts\\check_health.py`, '22:30:02')],
      python: { processes: 2, counted: 1 },
    },
    {
      name: 'the py.exe launcher and the python it starts',
      processes: [proc(4120, 5120, 'py.exe -3.13 C:\\tools\\x.py', '22:30:01'), proc(4130, 4120, 'python.exe -3.13 C:\\tools\\x.py', '22:30:02')],
      python: { processes: 2, counted: 1 },
    },
    {
      name: 'a child with other arguments (multiprocessing) is a process of its own',
      processes: [proc(4120, 5120, HEALTH, '22:30:01'), proc(4130, 4120, `"${BASE_PYTHON}" -c "from multiprocessing.spawn import spawn_main; spawn_main()"`, '22:30:02')],
      python: { processes: 2, counted: 2 },
    },
    {
      name: 'a "child" older than its "parent" is not its interpreter (pid reuse)',
      processes: [proc(4120, 5120, HEALTH, '22:30:05'), proc(4130, 4120, `"${BASE_PYTHON}" C:\\AGI\\scripts\\check_health.py`, '22:30:01')],
      python: { processes: 2, counted: 2 },
    },
    {
      name: 'python3.13.exe and pythonw.exe are Python; powershell is not',
      processes: [proc(5324, 6100, '"C:\\x\\python3.13.exe" C:\\AGI\\scripts\\check_health.py', '08:02'), proc(6720, 5120, '"C:\\x\\pythonw.exe" tool.pyw', '09:00'), proc(7000, 5120, MONITOR, '09:00')],
      python: { processes: 2, counted: 2 },
    },
  ];
  it.each(cases)('$name', ({ processes, python }) => {
    expect(run(snapshotDoc({ processes })).model.python).toEqual(python);
  });

  it('the pair is one run: both pids in one finding, counted once as a duplicate', () => {
    const d = run(snapshotDoc({
      processes: [
        proc(4120, 5120, HEALTH, '22:30:01'), proc(4130, 4120, `"${BASE_PYTHON}" C:\\AGI\\scripts\\check_health.py`, '22:30:02'),
        proc(4220, 5120, HEALTH, '22:35:01'), proc(4230, 4220, `"${BASE_PYTHON}" C:\\AGI\\scripts\\check_health.py`, '22:35:02'),
      ],
    }));
    const [duplicate] = finding(d, 'duplicate-process');
    expect(duplicate?.figures).toMatchObject({ runs: 2, processes: 4 });
    expect(finding(d, 'stray-process')[0]?.processes).toEqual([4120, 4130, 4220, 4230]);
  });
});

describe('which processes run a job', () => {
  const cases: Array<[string, string | null, string[]]> = [
    ['the declared command line', HEALTH, ['\\AGI_Health']],
    ['another Python, a relative script path typed by hand', 'python .\\scripts\\check_health.py --quick', ['\\AGI_Health']],
    ['python3.13 with the same absolute path', '"C:\\x\\python3.13.exe" c:/agi/scripts/CHECK_HEALTH.py', ['\\AGI_Health']],
    ['the same file name in another folder is another script', 'python D:\\other\\check_health.py', []],
    ['an editor opening the script does not run it', 'notepad.exe C:\\AGI\\scripts\\check_health.py', []],
    ['pwsh running the PowerShell script', 'pwsh -File C:\\AGI\\scripts\\monitor.ps1 -Loop', ['\\AGI_Monitor']],
    ['the script inside a -Command string', `powershell.exe -Command "& 'C:\\AGI\\scripts\\monitor.ps1' -Continuous"`, ['\\AGI_Monitor']],
    ['a -Command string running a script of the same name elsewhere', `powershell.exe -Command "& 'E:\\elsewhere\\monitor.ps1'"`, []],
    ['a path with spaces and parentheses, quoted', `python "C:\\Program Files (x86)\\AGI\\check_health.py"`, []],
    ['a job without a script: its program and arguments', '"C:\\Ollama\\ollama.exe"  pull   llama3', ['\\AGI_Ollama']],
    ['the same program with other arguments', 'C:\\Ollama\\ollama.exe serve', []],
    ['no command line (another user\'s process)', null, []],
  ];
  const index = new JobIndex(CONFIG.tasks.flatMap((t) => jobsOfTask(t.path, 'declared', t.definition)));
  it.each(cases)('%s', (_, commandLine, tasks) => {
    expect(index.match(commandLine ?? undefined).map((job) => job.task)).toEqual(tasks);
  });
});

describe('loops, strays and duplicates', () => {
  it('a never-ending switch makes a loop-process (not also a stray), and --stop may end it', () => {
    const d = run(snapshotDoc({ processes: [proc(8836, 5120, `${PS} -File .\\scripts\\monitor.ps1 -Continuous`, '21:58')] }));
    expect(kinds(d).filter((k) => ['loop-process', 'stray-process', 'duplicate-process'].includes(k))).toEqual(['loop-process']);
    expect(finding(d, 'loop-process')[0]).toMatchObject({ severity: 'error', processes: [8836], tasks: ['\\AGI_Monitor'] });
    expect(finding(d, 'loop-process')[0]?.message).toMatch(/-Continuous.*outside Task Scheduler: started by pid 5120/s);
    expect(candidatePids(d)).toEqual([8836]);
  });

  it('a loop a live task starts: the fix says apply deletes that task when nobody declared it', () => {
    const live = liveTasks([{ name: 'AGI_Old_Loop', actions: [{ command: PS, arguments: '-File C:\\AGI\\scripts\\monitor.ps1 -Continuous' }], timeLimit: 'PT0S' }]);
    const d = run(snapshotDoc({ processes: [proc(3312, SCHEDULE_PID, `${PS} -File C:\\AGI\\scripts\\monitor.ps1 -Continuous`, '09:00')] }), { live });
    const [loop] = finding(d, 'loop-process');
    expect(loop?.message).toContain('started by Task Scheduler (\\AGI_Old_Loop)');
    expect(loop?.fix).toContain('\\AGI_Old_Loop is not declared, so taskctl apply deletes it');
    expect(loop?.tasks).toEqual(['\\AGI_Monitor', '\\AGI_Old_Loop']);
  });

  it('a run Task Scheduler started, alone and without a loop, is no finding at all', () => {
    const d = run(snapshotDoc({ processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:43')] }));
    expect(d.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(d.candidates).toEqual([]);
  });

  it('duplicates: --stop keeps the newest run Task Scheduler started and ends the others', () => {
    const d = run(snapshotDoc({
      processes: [proc(4100, SCHEDULE_PID, HEALTH, '22:41'), proc(4120, SCHEDULE_PID, HEALTH, '22:43'), proc(4140, 5120, HEALTH, '22:42')],
    }));
    const [duplicate] = finding(d, 'duplicate-process');
    expect(duplicate).toMatchObject({ severity: 'error', processes: [4100, 4140, 4120], figures: { runs: 3, processes: 3, kept: 4120 } });
    expect(candidatePids(d)).toEqual([4100, 4140]);
    expect(d.candidates.find((c) => c.process.pid === 4140)?.reasons).toEqual(['stray-process', 'duplicate-process']);
  });

  it('processes that run no job are never findings or candidates, however many there are', () => {
    const d = run(snapshotDoc({
      processes: Array.from({ length: 30 }, (_, i) => proc(6000 + i, 5120, `python C:\\work\\loop_${i}.py --continuous`, '22:00')),
    }));
    expect(kinds(d)).not.toContain('loop-process');
    expect(d.candidates).toEqual([]);
    expect(finding(d, 'python-processes')[0]).toMatchObject({ severity: 'warning', figures: { processes: 30, counted: 30 } });
  });
});

describe('overrun', () => {
  const instance = '{8D0C7D45-7A43-4D0B-9C1E-7C1A8E0F1A2B}';
  const cases: Array<{ name: string; processes: RawProcess[]; history?: RawEvent[]; live?: Record<string, unknown>[]; overrun: number[] }> = [
    {
      name: 'a run older than its declared limit (10 min > 4 min)',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:35')],
      overrun: [4120],
    },
    {
      name: 'a run within its limit (3 min < 4 min)',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:42')],
      overrun: [],
    },
    {
      name: 'the live task allows an hour: the machine runs it with that, not the declaration',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:35')],
      live: [{ name: 'AGI_Health', actions: [{ command: VENV, arguments: 'C:\\AGI\\scripts\\check_health.py' }], timeLimit: 'PT1H' }],
      overrun: [],
    },
    {
      name: 'the live task has no limit (PT0S)',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '08:00')],
      live: [{ name: 'AGI_Health', actions: [{ command: VENV, arguments: 'C:\\AGI\\scripts\\check_health.py' }], timeLimit: 'PT0S' }],
      overrun: [],
    },
    {
      name: 'Task Scheduler logged 329 for its instance (linked through 200 EnginePID), and it still runs',
      processes: [proc(4120, 999, HEALTH, '22:43')],
      history: [ev(129, '\\AGI_Health', '22:43', { pid: 4120 }), ev(200, '\\AGI_Health', '22:43', { pid: 4120, instance }), ev(329, '\\AGI_Health', '22:44', { instance })],
      overrun: [4120],
    },
    {
      name: 'a stray older than the limit is a stray, not a task run over its limit',
      processes: [proc(4120, 5120, HEALTH, '20:00')],
      overrun: [],
    },
    {
      name: 'two live tasks run the script (4 min and 1 h): the lenient limit, so no overrun is guessed',
      processes: [proc(4120, SCHEDULE_PID, HEALTH, '22:35')],
      live: [
        { name: 'AGI_Health', actions: [{ command: VENV, arguments: 'C:\\AGI\\scripts\\check_health.py' }], timeLimit: 'PT4M' },
        { name: 'AGI_Health_Old', actions: [{ command: VENV, arguments: 'C:\\AGI\\scripts\\check_health.py' }], timeLimit: 'PT1H' },
      ],
      overrun: [],
    },
  ];
  it.each(cases)('$name', ({ processes, history, live, overrun }) => {
    const d = run(snapshotDoc({ processes, history: history ?? [] }), live ? { live: liveTasks(live) } : {});
    expect(finding(d, 'overrun').flatMap((f) => f.processes)).toEqual(overrun);
  });

  it('says the limit and the event', () => {
    const d = run(snapshotDoc({
      processes: [proc(4120, 999, HEALTH, '22:30')],
      history: [ev(200, '\\AGI_Health', '22:30', { pid: 4120, instance }), ev(329, '\\AGI_Health', '22:34', { instance })],
    }));
    const [overrun] = finding(d, 'overrun');
    expect(overrun).toMatchObject({ severity: 'error', tasks: ['\\AGI_Health'], figures: { runningMinutes: 15, limitMinutes: 4 } });
    expect(overrun?.message).toContain('a limit of 4 min');
    expect(overrun?.message).toContain('event 329');
  });
});

describe('history counts', () => {
  const A = '{AAAAAAAA-0000-0000-0000-000000000001}';
  const B = '{AAAAAAAA-0000-0000-0000-000000000002}';
  const history = [
    ev(100, '\\AGI_Health', '20:00', { instance: A }),
    ev(100, '\\AGI_Health', '20:15', { instance: B }),
    ev(322, '\\AGI_Health', '20:05', { instance: A }),
    ev(322, '\\AGI_Health', '20:10', { instance: A }),
    ev(322, '\\agi_health', '20:20', { instance: B }),
    ev(329, '\\AGI_Health', '21:00', { instance: A }),
    ev(111, '\\AGI_Health', '21:00:01', { instance: A }),
    ev(111, '\\AGI_Monitor', '21:30', { instance: B }),
    ev(201, '\\AGI_Monitor', '21:10', { pid: 10, instance: A, result: 2147942401 }),
    ev(201, '\\AGI_Monitor', '21:20', { pid: 11, instance: B, result: 0 }),
    ev(101, '\\Sub\\AGI_Job', '21:00', { result: -2147024891 }),
    ev(103, '\\Sub\\AGI_Job', '21:01', { result: 2147942402 }),
    ev(203, '\\Sub\\AGI_Job', '21:02', { result: 2147942402 }),
    ev(202, '\\Sub\\AGI_Job', '21:03', { result: 2147942402 }),
    ev(322, '\\Other_Task', '21:00'),
    ev(101, '\\Microsoft\\Windows\\AGI_Lookalike_Folder\\Other', '21:00'),
  ];
  const d = run(snapshotDoc({ history }));

  it.each([
    ['skipped-runs', '\\AGI_Health', { skipped: 3, started: 2 }],
    ['timeouts', '\\AGI_Health', { timeouts: 1, started: 2 }],
    ['failed-runs', '\\AGI_Monitor', { failed: 2, started: 0, last: '2025-11-02T21:30:00+09:00' }],
    ['failed-runs', '\\Sub\\AGI_Job', { failed: 4, lastResultCode: 2147942402 }],
  ])('%s of %s', (kind, task, figures) => {
    const found = finding(d, kind).filter((f) => f.tasks?.[0]?.toUpperCase() === task.toUpperCase());
    expect(found).toHaveLength(1);
    expect(found[0]?.figures).toMatchObject(figures);
  });

  it('a 111 after a 329 of the same instance is the same stop; a 111 of its own is a terminated run', () => {
    expect(finding(d, 'failed-runs').map((f) => f.tasks?.[0])).toEqual(['\\AGI_Monitor', '\\Sub\\AGI_Job']);
    expect(finding(d, 'failed-runs')[0]?.message).toMatch(/1 ended with a failure code \(event 201\), 1 were terminated \(event 111\)/);
  });

  it('tasks outside the prefix are never counted or mentioned', () => {
    expect(JSON.stringify(d.findings)).not.toMatch(/Other_Task|Lookalike/);
  });

  it('the last occurrence is named, on the machine\'s clock', () => {
    expect(finding(d, 'skipped-runs')[0]?.message).toContain('last at 20:20');
    expect(finding(d, 'skipped-runs')[0]?.figures?.last).toBe('2025-11-02T20:20:00+09:00');
  });

  it.each([
    [2147942401, '0x80070001 (exit code 1)'],
    [-2147024891, '0x80070005 (exit code 5)'],
    [1, 'exit code 1'],
    [0x8004131f, '0x8004131F'],
  ])('result code %i reads %s', (code, text) => {
    expect(describeResultCode(code)).toBe(text);
  });

  it('skipped runs are compared with what list-conflicts predicts for the task', () => {
    const skipped = [ev(322, '\\AGI_Health', '20:05'), ev(322, '\\AGI_Monitor', '20:05')];
    const compared = run(snapshotDoc({ history: skipped }), { predictedSelfOverlap: new Map([['\\AGI_HEALTH', true], ['\\AGI_MONITOR', false]]) });
    const [health, monitor] = finding(compared, 'skipped-runs');
    expect(health?.message).toContain('taskctl list-conflicts predicts it (self-overlap)');
    expect(health?.figures?.predictedByListConflicts).toBe('yes');
    expect(monitor?.message).toContain('taskctl list-conflicts does not predict it');
    expect(monitor?.figures?.predictedByListConflicts).toBe('no');
    // A task whose schedule is not known is not compared.
    expect(finding(run(snapshotDoc({ history: skipped })), 'skipped-runs')[0]?.message).not.toContain('list-conflicts');
  });

  it('history disabled or unreadable is said, and the rest goes on', () => {
    const off = run(snapshotDoc({ extra: { historyEnabled: false } }));
    expect(finding(off, 'history-disabled')[0]).toMatchObject({ severity: 'warning' });
    expect(finding(off, 'history-disabled')[0]?.fix).toContain('wevtutil set-log Microsoft-Windows-TaskScheduler/Operational /enabled:true');
    const denied = run(snapshotDoc({ extra: { historyError: 'Attempted to perform an unauthorized operation.' } }));
    expect(finding(denied, 'history-unreadable')[0]?.message).toContain('unauthorized');
    expect(kinds(denied)).toContain('cpu');
  });
});

describe('thresholds: the report\'s targets, at and below', () => {
  const cases: Array<[string, Parameters<typeof snapshotDoc>[0], string, 'warning' | 'info', Record<string, number>?]> = [
    ['CPU averaging exactly 15 % is over the target', { samples: [10, 15, 20] }, 'cpu', 'warning'],
    ['CPU averaging 14.9 % is below it', { samples: [14.9, 14.9] }, 'cpu', 'info'],
    ['memory 35 % in use is over the target', { inUse: 0.35 }, 'memory', 'warning'],
    ['memory 34.9 % is below it', { inUse: 0.349 }, 'memory', 'info'],
    ['20 Python processes are too many', { processes: Array.from({ length: 20 }, (_, i) => proc(7000 + i, 5120, `python C:\\t\\${i}.py`, '22:00')) }, 'python-processes', 'warning'],
    ['19 are fine', { processes: Array.from({ length: 19 }, (_, i) => proc(7000 + i, 5120, `python C:\\t\\${i}.py`, '22:00')) }, 'python-processes', 'info'],
    ['the config may raise a target', { samples: [40] }, 'cpu', 'info', { cpuPercent: 50 }],
    ['or lower one', { inUse: 0.2 }, 'memory', 'warning', { memoryPercent: 10 }],
  ];
  it.each(cases)('%s', (_, parts, kind, severity, thresholds) => {
    const d = run(snapshotDoc(parts), thresholds ? { thresholds } : {});
    expect(finding(d, kind)[0]?.severity).toBe(severity);
  });

  it('the CPU finding names the processes with the most CPU time (the report\'s python3.13 at 141.8 s)', () => {
    const d = run(snapshotDoc({ samples: [77], processes: [proc(5324, 6100, '"C:\\x\\python3.13.exe" C:\\AGI\\scripts\\check_health.py', '08:02', { UserModeTime: 1_391_200_000, KernelModeTime: 26_800_000 })] }));
    const [cpu] = finding(d, 'cpu');
    expect(cpu?.processes?.[0]).toBe(5324);
    expect(cpu?.message).toContain('pid 5324 python3.13.exe 141.8 s');
  });

  it('no CPU sample (--sample 0) is said, not guessed', () => {
    expect(finding(run(snapshotDoc({ samples: [] })), 'cpu')[0]?.message).toContain('not sampled');
  });
});

describe('order', () => {
  it('errors first, then warnings, then info; every finding has a fix and the machine\'s name', () => {
    const d = run(snapshotDoc({ samples: [90], processes: [proc(8836, 5120, `${PS} -File .\\scripts\\monitor.ps1 -Continuous`, '21:58')], history: [ev(322, '\\AGI_Health', '22:00')] }));
    const severities = d.findings.map((f) => f.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
    expect(kinds(d)).toEqual(['loop-process', 'skipped-runs', 'cpu', 'memory', 'python-processes']);
    for (const f of d.findings) {
      expect(f.fix.length).toBeGreaterThan(10);
      expect(f.computer).toBe('AGI-PC');
    }
  });
});
