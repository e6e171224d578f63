import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../../src/core/errors.js';
import type { ChangeOperation } from '../../../src/schtasks/backends/backend.js';
import type { ApplyPayload } from '../../../src/schtasks/backends/apply-payload.js';
import { createPowerShellBackend } from '../../../src/schtasks/backends/powershell-backend.js';
import type { ProcessRequest, ProcessResult } from '../../../src/core/process-runner.js';
import { createFakeRunner } from '../../fakes/fake-runner.js';
import { sampleTaskXml, scriptOutput } from '../../fakes/powershell-script-output.js';

const TEMPLATES = '/pkg/templates';
const APPLY_ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(TEMPLATES, 'apply-tasks.ps1')];

function register(name: string, xml = sampleTaskXml(), folder = '\\'): ChangeOperation {
  return { action: 'update', folder, name, xml };
}

/** A fake apply-tasks.ps1: computes its result from the payload it was given. */
function applyWith(respond: (payload: ApplyPayload) => ProcessResult) {
  const runner = createFakeRunner([
    { name: 'apply-tasks', command: 'powershell.exe', args: APPLY_ARGS, result: (req: ProcessRequest) => respond(JSON.parse(req.input ?? '') as ApplyPayload) },
  ]);
  return { runner, backend: createPowerShellBackend({ runner, templatesDir: TEMPLATES }) };
}

const done = (p: ApplyPayload) => p.operations.map((op) => ({ task: op.path, action: op.action, status: 'done', error: null }));

describe('PowerShell backend: applyChanges', () => {
  it.each([1, 500])('applies %i operations with exactly one process, everything on stdin', async (count) => {
    const ops = Array.from({ length: count }, (_, i) => register(`AGI_T${i}`));
    const { runner, backend } = applyWith((p) => scriptOutput({ ok: true, phase: 'apply', results: done(p) }));
    const results = await backend.applyChanges(ops, { prefix: 'AGI' });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]?.args).toEqual(APPLY_ARGS);
    expect(runner.calls[0]?.args.join(' ')).not.toMatch(/AGI_T|<Task/);
    expect(results).toHaveLength(count);
    expect(results.every((r) => r.status === 'done')).toBe(true);
    const payload = JSON.parse(runner.calls[0]?.input ?? '') as ApplyPayload;
    expect(payload.operations).toHaveLength(count);
  });

  it('starts no process for an empty batch', async () => {
    const { runner, backend } = applyWith(() => {
      throw new Error('should not run');
    });
    expect(await backend.applyChanges([])).toEqual([]);
    expect(runner.calls).toHaveLength(0);
  });

  it('sends XML that declares UTF-16, never UTF-8 (pitfall 33), and folders normalized', async () => {
    const utf8Xml = sampleTaskXml().replace('encoding="UTF-16"', 'encoding="UTF-8"');
    const { runner, backend } = applyWith((p) => scriptOutput({ ok: true, phase: 'apply', results: done(p) }));
    await backend.applyChanges([register('AGI_X', utf8Xml, 'Sub/Deeper'), { action: 'delete', folder: '\\', name: 'AGI_Old' }]);
    const payload = JSON.parse(runner.calls[0]?.input ?? '') as ApplyPayload;
    expect(payload.operations[0]).toMatchObject({ action: 'update', folder: '\\Sub\\Deeper\\', name: 'AGI_X', path: '\\Sub\\Deeper\\AGI_X', logonType: 5 });
    expect(payload.operations[0]?.xml).toMatch(/^<\?xml version="1.0" encoding="UTF-16"\?>/);
    expect(payload.operations[0]?.xml).not.toContain('UTF-8');
    expect(payload.operations[1]).toEqual({ action: 'delete', folder: '\\', name: 'AGI_Old', path: '\\AGI_Old' });
  });

  it('a validation rejection changes nothing: every result not-attempted, the rejected one decoded', async () => {
    const ops = [register('AGI_A'), register('AGI_B', sampleTaskXml({ command: 'x'.repeat(300) })), register('AGI_C')];
    const { backend } = applyWith((p) =>
      scriptOutput(
        {
          ok: false,
          phase: 'validate',
          results: p.operations.map((op, i) => ({
            task: op.path,
            action: op.action,
            status: 'not-attempted',
            error: i === 1 ? { kind: 'other', message: '(7,38):Command:', hresult: '0x80041318' } : null,
          })),
        },
        { exitCode: 1 },
      ),
    );
    const results = await backend.applyChanges(ops);
    expect(results.map((r) => r.status)).toEqual(['not-attempted', 'not-attempted', 'not-attempted']);
    expect(results[0]?.error).toBeUndefined();
    const message = results[1]?.error ?? '';
    expect(message).toMatch(/nothing was changed/);
    expect(message).toContain('\\AGI_B');
    expect(message).toMatch(/<Command> at line 7, column 38/);
    expect(message).toMatch(/incorrectly formatted or out of range \(0x80041318 SCHED_E_INVALIDVALUE\)/);
    expect(message).toContain('<Command>xxxx'); // the offending line is quoted
  });

  it('failure of the Nth registration: N-1 done, Nth failed with a decoded message, the rest not attempted', async () => {
    const ops = Array.from({ length: 5 }, (_, i) => register(`AGI_T${i}`));
    const n = 3;
    const { backend } = applyWith((p) =>
      scriptOutput(
        {
          ok: false,
          phase: 'apply',
          results: p.operations.map((op, i) => ({
            task: op.path,
            action: op.action,
            status: i < n - 1 ? 'done' : i === n - 1 ? 'failed' : 'not-attempted',
            error: i === n - 1 ? { kind: 'other', message: 'No mapping between account names and security IDs was done.', hresult: '0x80070534' } : null,
          })),
        },
        { exitCode: 1 },
      ),
    );
    const results = await backend.applyChanges(ops);
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'failed', 'not-attempted', 'not-attempted']);
    expect(results[2]?.error).toMatch(/\\AGI_T2: .*ERROR_NONE_MAPPED/);
    expect(results[2]?.error).toMatch(/SID/);
    expect(results[3]?.error).toBeUndefined();
  });

  it('refuses operations outside the prefix before starting any process', async () => {
    const { runner, backend } = applyWith(() => {
      throw new Error('should not run');
    });
    const results = await backend.applyChanges([register('AGI_A'), register('Other_Task')], { prefix: 'AGI' });
    expect(runner.calls).toHaveLength(0);
    expect(results.map((r) => r.status)).toEqual(['not-attempted', 'not-attempted']);
    expect(results[1]?.error).toMatch(/outside the prefix "AGI"/);
  });

  it('refuses illegal task names before starting any process', async () => {
    const { runner, backend } = applyWith(() => {
      throw new Error('should not run');
    });
    const results = await backend.applyChanges([register('AGI_a:b')]);
    expect(runner.calls).toHaveLength(0);
    expect(results[0]?.error).toMatch(/contains ":"/);
  });

  it('an apply document that lost results is an error, not a guess', async () => {
    const { backend } = applyWith(() => scriptOutput({ ok: true, phase: 'apply', results: [] }));
    await expect(backend.applyChanges([register('AGI_A')])).rejects.toThrow(/reported 0 result\(s\) for 1 operation/);
  });

  it('a failure before any operation (no Task Scheduler) is a BackendError', async () => {
    const { backend } = applyWith(() => scriptOutput({ ok: false, error: { kind: 'service-unavailable', message: 'The service is not running', hresult: '0x80041315' } }, { exitCode: 1 }));
    const error = await backend.applyChanges([register('AGI_A')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as Error).message).toMatch(/Schedule' service/);
  });
});

describe('PowerShell backend: what the read found decides whether apply may run', () => {
  const READ_ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(TEMPLATES, 'read-tasks.ps1')];

  it('refuses the whole batch, starting no apply process, when a change is in a folder the read could not list', async () => {
    const runner = createFakeRunner([
      { name: 'read-tasks', command: 'powershell.exe', args: READ_ARGS, result: scriptOutput({ ok: true, tasks: [], warnings: ['could not list the tasks of folder \\Secret'], unreadable: ['\\Secret'] }) },
    ]);
    const warnings: string[] = [];
    const backend = createPowerShellBackend({ runner, templatesDir: TEMPLATES, onWarning: (w) => warnings.push(w) });
    await backend.readTasks('AGI');
    expect(warnings).toEqual(['Task Scheduler: could not list the tasks of folder \\Secret']);
    const results = await backend.applyChanges([register('AGI_A', sampleTaskXml(), '\\secret\\Inner'), { action: 'delete', folder: '\\', name: 'AGI_B' }], { prefix: 'AGI' });
    runner.assertAllUsed();
    expect(results.map((r) => r.status)).toEqual(['not-attempted', 'not-attempted']);
    expect(results[0]?.error).toMatch(/refused before anything changed: Task Scheduler did not let taskctl list the folder \\Secret, .*elevated/);
    expect(results[1]?.error).toBeUndefined();
  });

  it('a folder elsewhere that could not be listed does not stop changes outside it', async () => {
    const runner = createFakeRunner([
      { name: 'read-tasks', command: 'powershell.exe', args: READ_ARGS, result: scriptOutput({ ok: true, tasks: [], warnings: ['w'], unreadable: ['\\Secret'] }) },
      { name: 'apply-tasks', command: 'powershell.exe', args: APPLY_ARGS, result: (req) => scriptOutput({ ok: true, phase: 'apply', results: done(JSON.parse(req.input ?? '') as ApplyPayload) }) },
    ]);
    const backend = createPowerShellBackend({ runner, templatesDir: TEMPLATES });
    await backend.readTasks('AGI');
    expect((await backend.applyChanges([register('AGI_A', sampleTaskXml(), '\\Secretive\\')], { prefix: 'AGI' }))[0]?.status).toBe('done');
    runner.assertAllUsed();
  });
});

describe('PowerShell backend: passwords', () => {
  const passwordPrincipal = '<Principal id="Author"><UserId>CORP\\svc-agi</UserId><LogonType>Password</LogonType></Principal>';

  it('sends the password only for the task that needs it, keyed by task path, base64-encoded, never in args', async () => {
    const secret = 'p@ss "w0rd" $(whoami) 2025-01-01T00:00:00 é';
    const { runner, backend } = applyWith((p) => scriptOutput({ ok: true, phase: 'apply', results: done(p) }));
    await backend.applyChanges([register('AGI_Pw', sampleTaskXml({ principal: passwordPrincipal })), register('AGI_System')], {
      passwords: { '\\agi_pw': secret, '\\AGI_System': 'unused' },
    });
    const call = runner.calls[0]!;
    expect(call.args.join(' ')).not.toContain(secret);
    expect(call.input).not.toContain('w0rd');
    const payload = JSON.parse(call.input ?? '') as ApplyPayload;
    expect(Object.keys(payload.passwords ?? {})).toEqual(['\\AGI_Pw']);
    expect(Buffer.from(payload.passwords?.['\\AGI_Pw'] ?? '', 'base64').toString('utf8')).toBe(secret);
    expect(payload.operations[0]).toMatchObject({ userId: 'CORP\\svc-agi', logonType: 1 });
    expect(payload.operations[1]).not.toHaveProperty('userId');
  });

  it('a missing password refuses the batch before any process, without inventing one', async () => {
    const { runner, backend } = applyWith(() => {
      throw new Error('should not run');
    });
    const results = await backend.applyChanges([register('AGI_Pw', sampleTaskXml({ principal: passwordPrincipal }))]);
    expect(runner.calls).toHaveLength(0);
    expect(results[0]).toMatchObject({ status: 'not-attempted' });
    expect(results[0]?.error).toMatch(/CORP\\svc-agi logs on with a stored password/);
  });

  it('warns, once per task registered, that a batch-logon principal needs "Log on as a batch job" (0x0004131C, which PowerShell never sees)', async () => {
    const runner = createFakeRunner([
      { name: 'apply-tasks', command: 'powershell.exe', args: APPLY_ARGS, result: (req) => scriptOutput({ ok: true, phase: 'apply', results: done(JSON.parse(req.input ?? '') as ApplyPayload) }) },
    ]);
    const warnings: string[] = [];
    const backend = createPowerShellBackend({ runner, templatesDir: TEMPLATES, onWarning: (w) => warnings.push(w) });
    const s4u = '<Principal id="Author"><UserId>CORP\\svc</UserId><LogonType>S4U</LogonType></Principal>';
    await backend.applyChanges([register('AGI_Pw', sampleTaskXml({ principal: passwordPrincipal })), register('AGI_S4U', sampleTaskXml({ principal: s4u })), register('AGI_System')], {
      passwords: { '\\AGI_Pw': 'x' },
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Task Scheduler: \\AGI_Pw is registered to log on as a batch job.*SCHED_S_BATCH_LOGON_PROBLEM 0x0004131C/);
    expect(warnings[1]).toMatch(/^Task Scheduler: \\AGI_S4U /);
  });

  it('never puts a password into an error message', async () => {
    const secret = 'hunter2-secret';
    const { backend } = applyWith((p) =>
      scriptOutput(
        { ok: false, phase: 'apply', results: p.operations.map((op) => ({ task: op.path, action: op.action, status: 'failed', error: { message: 'The user name or password is incorrect.', hresult: '0x8007052E' } })) },
        { exitCode: 1 },
      ),
    );
    const results = await backend.applyChanges([register('AGI_Pw', sampleTaskXml({ principal: passwordPrincipal }))], { passwords: { '\\AGI_Pw': secret } });
    expect(results[0]?.error).toMatch(/bad password/);
    expect(JSON.stringify(results)).not.toContain(secret);
  });
});
