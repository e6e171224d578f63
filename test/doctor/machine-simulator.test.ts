/**
 * The machine simulator refuses what Windows refuses (a WQL filter it can't read, a class or
 * method that does not exist, another event log, a computer that is not there) and reads the
 * date forms machine.json may hold — probed through test/doctor/probe-machine-simulator.ps1,
 * loaded the way the templates load it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { findResultText } from '../../src/schtasks/backends/powershell-output.js';
import { describeWithPwsh } from '../windows-path/pwsh.js';

async function probe(pwsh: string, root: string, probes: string[]): Promise<Record<string, { ok: boolean; value?: unknown[]; message?: string; hresult?: string }>> {
  const child = spawn(pwsh, ['-NoProfile', '-NonInteractive', '-File', join(import.meta.dirname, 'probe-machine-simulator.ps1')], { env: { ...process.env, TASKCTL_SCHEDULER_SIMULATOR: root } });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stdin.end(JSON.stringify({ probes }));
  await new Promise((done) => child.on('close', done));
  const text = findResultText(stdout);
  if (text === undefined) throw new Error(`no result: ${stdout}`);
  return (JSON.parse(text) as { results: never }).results;
}

describeWithPwsh('the machine simulator refuses as Windows does', (pwsh) => {
  it('bad filters, classes, methods, logs and computers; every date form machine.json may hold', async () => {
    const root = mkdtempSync(join(tmpdir(), 'taskctl-machine-probe-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'localhost'));
    mkdirSync(join(root, 'EMPTY'));
    const process = (pid: number, created: string) => ({ ProcessId: pid, ParentProcessId: 1, Name: 'x.exe', CommandLine: 'x.exe', CreationDate: created, WorkingSetSize: 1, UserModeTime: 1, KernelModeTime: 1 });
    writeFileSync(join(root, 'localhost', '.machine.json'), JSON.stringify({
      processes: [
        process(4, '2025-11-02T22:00:00+09:00'), // ISO with an offset (PowerShell 7 reads it as a DateTime)
        process(8, '20251102220000.000000-300'), // DMTF, west of UTC
        process(12, '2025-11-02 13:00:00Z'), // not ISO to ConvertFrom-Json: parsed by the simulator
        process(16, '2025-11-02T13:00:00'), // no offset: this machine's local time
      ],
      events: [],
    }));
    const results = await probe(pwsh, root, ['bad-filter', 'unknown-field', 'unknown-class', 'other-method', 'vanished', 'other-log', 'other-log-query', 'no-machine-file', 'creation-dates']);
    expect(results['bad-filter']).toMatchObject({ ok: false, message: 'Invalid query: ProcessId > 5' });
    expect(results['unknown-field']).toMatchObject({ ok: false, message: 'Invalid query: Nope = 1' });
    expect(results['unknown-class']).toMatchObject({ ok: false, hresult: '0x80041010' });
    expect(results['other-method']?.message).toMatch(/Win32_Process\.Terminate only, not GetOwner/);
    expect(results.vanished).toMatchObject({ ok: false, hresult: '0x80041002' });
    expect(results['other-log']?.message).toMatch(/There is not an event log on the localhost computer that matches "Application"/);
    expect(results['other-log-query']?.message).toMatch(/matches "System"/);
    expect(results['no-machine-file']?.message).toMatch(/the simulated computer EMPTY has no \.machine\.json/);
    const local = new Date('2025-11-02T13:00:00').toISOString().replace('Z', '');
    expect(results['creation-dates']?.value).toEqual([
      '4 2025-11-02T13:00:00.0000000Z',
      '8 2025-11-03T03:00:00.0000000Z',
      '12 2025-11-02T13:00:00.0000000Z',
      `16 ${local}0000Z`,
    ]);
  });
});
