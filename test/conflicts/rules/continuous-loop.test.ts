import { describe, expect, it } from 'vitest';
import { loopReasons, LOOP_PATTERNS } from '../../../src/schtasks/command-line.js';
import { subject } from '../helpers/subjects.js';
import { conflictsOf } from '../helpers/find.js';

describe('loop patterns', () => {
  it.each([
    'powershell.exe -File C:\\AGI\\auto_restart_local_llm.ps1 -Continuous',
    'pwsh -File x.ps1 -continuous:$true',
    'python.exe monitor.py --continuous',
    'python.exe monitor.py --loop',
    'node collector.js --forever',
    'powershell.exe -File watch.ps1 -Watch',
    'npm run build -- --watch',
    'python.exe svc.py --daemon',
    'powershell.exe -NoExit -File x.ps1',
    'powershell.exe -Command "Get-Content C:\\logs\\a.log -Wait"',
    'powershell.exe -Command "while($true) { python check.py; Start-Sleep 5 }"',
    'powershell.exe -Command "while ($True) { }"',
    'bash -c "while true; do ./check.sh; sleep 5; done"',
    'python.exe -c "while True: pass"',
    'ping.exe 10.0.0.1 -t',
    'robocopy.exe C:\\a D:\\b /MIR /MON:1',
    'powershell.exe -Command "Start-Sleep -Seconds ([int]::MaxValue)"',
  ])('flags %s', (commandLine) => {
    expect(loopReasons(commandLine).length).toBeGreaterThan(0);
  });

  it.each([
    'python.exe C:\\AGI\\check_health.py',
    'powershell.exe -File C:\\AGI\\continuous_report.ps1',
    'python.exe monitor.py --continuous-integration-report',
    'powershell.exe -File x.ps1 -Continuous:$false',
    'powershell.exe -Command "Get-Content C:\\logs\\a.log -Tail 50"',
    'C:\\tools\\watch\\run.exe --once',
    'cmd.exe /c "if exist x.txt del x.txt"',
    'ping.exe -n 4 10.0.0.1',
  ])('does not flag %s', (commandLine) => {
    expect(loopReasons(commandLine)).toEqual([]);
  });

  it('gives every pattern a reason', () => {
    for (const { reason } of LOOP_PATTERNS) expect(reason.length).toBeGreaterThan(10);
  });
});

describe('continuous-loop rule', () => {
  it('is an error naming the action and why', () => {
    const subjects = [subject('\\AGI_LLM_AutoRestart', {
      actions: [
        { kind: 'Exec', command: 'python.exe', arguments: 'C:\\AGI\\check.py' },
        { kind: 'Exec', command: 'powershell.exe', arguments: '-File C:\\AGI\\auto_restart_local_llm.ps1 -Continuous' },
      ],
    })];
    const [conflict, ...rest] = conflictsOf(subjects, 'continuous-loop');
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({ severity: 'error', tasks: ['\\AGI_LLM_AutoRestart'] });
    expect(conflict?.message).toContain('action 1');
    expect(conflict?.message).toContain('-Continuous');
  });
});
