import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../../src/core/errors.js';
import { createPowerShellBackend } from '../../../src/schtasks/backends/powershell-backend.js';
import { createFakeRunner, enoentError, type ExpectedCall } from '../../fakes/fake-runner.js';
import { sampleTaskXml, scriptOutput } from '../../fakes/powershell-script-output.js';
import type { ProcessResult } from '../../../src/core/process-runner.js';

const TEMPLATES = '/pkg/templates';
const READ_ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(TEMPLATES, 'read-tasks.ps1')];

function readCall(result: ProcessResult | { throws: Error }, command = 'powershell.exe'): ExpectedCall {
  return { name: 'read-tasks', command, args: READ_ARGS, ...('throws' in result ? { throws: result.throws } : { result }) };
}

function backendWith(result: ProcessResult | { throws: Error }) {
  const runner = createFakeRunner([readCall(result)]);
  return { runner, backend: createPowerShellBackend({ runner, templatesDir: TEMPLATES }) };
}

function task(name: string, extra: Record<string, unknown> = {}) {
  return { TaskPath: '\\', TaskName: name, State: 3, Xml: sampleTaskXml(), ...extra };
}

describe('PowerShell backend: readTasks', () => {
  it.each([0, 1, 500])('reads %i tasks with exactly one process, the prefix on stdin only', async (count) => {
    const tasks = Array.from({ length: count }, (_, i) => task(`AGI_Task_${String(i).padStart(3, '0')}`));
    const { runner, backend } = backendWith(scriptOutput({ ok: true, tasks, warnings: [] }));
    const records = await backend.readTasks('AGI');
    expect(records).toHaveLength(count);
    expect(runner.calls).toHaveLength(1);
    const call = runner.calls[0]!;
    expect(call.command).toBe('powershell.exe');
    expect(call.args).toEqual(READ_ARGS);
    expect(call.args.join(' ')).not.toContain('AGI');
    expect(JSON.parse(call.input ?? '')).toEqual({ prefix: 'AGI' });
  });

  it('finds the document between banner and warning noise, and accepts a single object instead of an array', async () => {
    const output = scriptOutput(
      { ok: true, tasks: task('AGI_One', { TaskPath: '\\Sub\\', State: 'Ready' }) },
      { before: 'Windows PowerShell\r\nCopyright (C) Microsoft Corporation.\r\n{ "looks": "like json" }\r\n', after: 'WARNING: late module warning {]\r\n' },
    );
    const { backend } = backendWith(output);
    const [record] = await backend.readTasks('AGI');
    expect(record).toMatchObject({ taskPath: '\\Sub\\', taskName: 'AGI_One', state: 'Ready' });
  });

  it('maps State numbers (PowerShell 5.1) and names to the same names', async () => {
    const tasks = [task('AGI_A', { State: 3 }), task('AGI_B', { State: 'Ready' }), task('AGI_C', { State: 1 }), task('AGI_D', { State: 4 })];
    const { backend } = backendWith(scriptOutput({ ok: true, tasks }));
    const states = (await backend.readTasks('AGI')).map((r) => r.state);
    expect(states).toEqual(['Ready', 'Ready', 'Disabled', 'Running']);
  });

  it('keeps non-ASCII task names and XML text intact', async () => {
    const xml = sampleTaskXml({ description: 'Überwachung – 監視 ✓' });
    const { runner, backend } = backendWith(scriptOutput({ ok: true, tasks: [task('AGI_Überwachung_監視', { Xml: xml })] }));
    const [record] = await backend.readTasks('agi_ü');
    expect(record?.taskName).toBe('AGI_Überwachung_監視');
    expect(record?.xml).toContain('Überwachung – 監視 ✓');
    expect(runner.calls).toHaveLength(1);
  });

  it('filters the prefix again, case-insensitively, whatever the script returned', async () => {
    const tasks = [task('agi_lower'), task('Other_Task'), task('AGIX')];
    const { backend } = backendWith(scriptOutput({ ok: true, tasks }));
    expect((await backend.readTasks('AGI')).map((r) => r.taskName)).toEqual(['AGIX', 'agi_lower']);
  });

  it('treats a null task list (ConvertTo-Json of an empty list) as no tasks', async () => {
    const { backend } = backendWith(scriptOutput({ ok: true, tasks: null }));
    expect(await backend.readTasks('AGI')).toEqual([]);
  });

  it('passes the script warnings on, a few lines then a count', async () => {
    const folders = Array.from({ length: 8 }, (_, i) => `could not list \\Microsoft\\F${i}`);
    const runner = createFakeRunner([readCall(scriptOutput({ ok: true, tasks: [], warnings: folders }))]);
    const warnings: string[] = [];
    const backend = createPowerShellBackend({ runner, templatesDir: TEMPLATES, onWarning: (w) => warnings.push(w) });
    await backend.readTasks('AGI');
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toBe('Task Scheduler: could not list \\Microsoft\\F0');
    expect(warnings[5]).toMatch(/and 3 more folder\(s\) could not be listed/);
  });

  it('unwraps the {"value": [...], "Count": n} shape Windows PowerShell 5.1 sometimes prints for arrays', async () => {
    const { backend } = backendWith(scriptOutput({ ok: true, tasks: { value: [task('AGI_A'), task('AGI_B')], Count: 2 } }));
    expect((await backend.readTasks('AGI')).map((r) => r.taskName)).toEqual(['AGI_A', 'AGI_B']);
  });

  it('uses the requested PowerShell', async () => {
    const runner = createFakeRunner([readCall(scriptOutput({ ok: true, tasks: [] }), 'pwsh')]);
    await createPowerShellBackend({ runner, powershell: 'pwsh', templatesDir: TEMPLATES }).readTasks('AGI');
    expect(runner.calls[0]?.command).toBe('pwsh');
  });
});

describe('PowerShell backend: read failures become clear BackendErrors', () => {
  async function failure(result: ProcessResult | { throws: Error }): Promise<BackendError> {
    const { backend } = backendWith(result);
    const error = await backend.readTasks('AGI').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).exitCode).toBe(1);
    return error as BackendError;
  }

  it('PowerShell missing (ENOENT) names the alternatives', async () => {
    const error = await failure({ throws: enoentError('powershell.exe') });
    expect(error.message).toMatch(/PowerShell was not found/);
    expect(error.message).toContain('--live');
    expect(error.message).toContain('--store');
  });

  it('ENOENT wrapped by the real runner is recognised too', async () => {
    const error = await failure({ throws: new BackendError('could not run powershell.exe: Command failed with ENOENT: powershell.exe') });
    expect(error.message).toMatch(/PowerShell was not found/);
  });

  it('Task Scheduler interface missing', async () => {
    const doc = { ok: false, error: { kind: 'module-missing', message: 'Retrieving the COM class factory failed', hresult: '0x80040154' } };
    const error = await failure(scriptOutput(doc, { exitCode: 1 }));
    expect(error.message).toMatch(/scripting interface is not available/);
    expect(error.message).toContain('0x80040154');
  });

  it('access denied says to elevate', async () => {
    const doc = { ok: false, error: { kind: 'access-denied', message: 'Access is denied.', hresult: '0x80070005' } };
    const error = await failure(scriptOutput(doc, { exitCode: 1 }));
    expect(error.message).toMatch(/Access denied/);
    expect(error.message).toMatch(/Run as administrator/);
  });

  it('malformed JSON names the script and shows the text', async () => {
    const error = await failure(scriptOutput('{"ok": true, "tasks": [', { exitCode: 0 }));
    expect(error.message).toMatch(/read-tasks\.ps1 printed a result that is not valid JSON/);
    expect(error.message).toContain('{"ok": true, "tasks": [');
  });

  it('non-zero exit without a result shows stderr (CLIXML cleaned)', async () => {
    const stderr = '#< CLIXML\r\n<Objs Version="1.1.0.1"><S S="Error">Something broke_x000D__x000A_</S><S S="Error">at line 3_x000D__x000A_</S></Objs>';
    const error = await failure({ exitCode: 1, stdout: 'banner only', stderr });
    expect(error.message).toMatch(/exited with code 1 without printing its result/);
    expect(error.message).toContain('Something broke');
    expect(error.message).not.toContain('CLIXML');
  });

  // What powershell.exe prints when a policy blocks the script, in English and on Korean Windows,
  // where it arrives in code page 949 before any script could switch to UTF-8 (read as UTF-8 it
  // is mojibake): only the help topic, the category and the exception type survive every language.
  const POLICY_ERRORS: [string, string][] = [
    [
      'English',
      'File C:\\taskctl\\templates\\read-tasks.ps1 cannot be loaded because running scripts is disabled on this system. For more information, see about_Execution_Policies at https:/go.microsoft.com/fwlink/?LinkID=135170.\r\n' +
        '    + CategoryInfo          : SecurityError: (:) [], PSSecurityException\r\n    + FullyQualifiedErrorId : UnauthorizedAccess',
    ],
    [
      'Korean, code page 949 read as UTF-8',
      Buffer.from([0xc0, 0xcc, 0x20, 0xbd, 0xc3, 0xbd, 0xba, 0xc5, 0xdb]).toString('utf8') +
        ' C:\\taskctl\\templates\\read-tasks.ps1 ... about_Execution_Policies(https://go.microsoft.com/fwlink/?LinkID=135170)\r\n' +
        '    + CategoryInfo          : ' + Buffer.from([0xba, 0xb8, 0xbe, 0xc8]).toString('utf8') + ': (:) [], PSSecurityException\r\n    + FullyQualifiedErrorId : UnauthorizedAccess',
    ],
    ['only the error id (CLIXML stripped)', '#< CLIXML\r\n<Objs><S S="Error">+ FullyQualifiedErrorId : UnauthorizedAccess_x000D__x000A_</S></Objs>'],
  ];

  it.each(POLICY_ERRORS)('a script blocked by execution policy is explained whatever the language (%s)', async (_, stderr) => {
    const error = await failure({ exitCode: 1, stdout: '', stderr });
    expect(error.message).toMatch(/script execution is blocked/);
    expect(error.message).toMatch(/ask an administrator/);
  });

  it('other failures without a result are not taken for the execution policy', async () => {
    const error = await failure({ exitCode: 1, stdout: '', stderr: 'The term \'Get-Foo\' is not recognized as a name of a cmdlet' });
    expect(error.message).not.toMatch(/execution is blocked/);
    expect(error.message).toMatch(/exited with code 1 without printing its result; stderr: The term/);
  });

  it('ok:true with a non-zero exit is not trusted', async () => {
    const error = await failure(scriptOutput({ ok: true, tasks: [] }, { exitCode: 3 }));
    expect(error.message).toMatch(/exited with code 3/);
  });

  it('records without the needed fields name the entry and field', async () => {
    const error = await failure(scriptOutput({ ok: true, tasks: [task('AGI_A'), { TaskName: 'AGI_B', TaskPath: '\\', State: 3 }] }));
    expect(error.message).toMatch(/entry \[1\] \(AGI_B\) has no "Xml"/);
  });
});
