/**
 * The PowerShell backend on the real templates under pwsh, call by call, against the
 * simulated Task Scheduler: the branches of read-tasks.ps1, apply-tasks.ps1 and
 * taskctl-common.ps1 the CLI scenarios don't reach (another computer, one that can't be
 * reached, a task whose XML may not be read, no Task Scheduler at all, a request that is not
 * JSON, a folder that exists but can't be read, a task gone since the plan, deletes).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createProcessRunner, type ProcessRequest, type ProcessRunner } from '../../src/core/process-runner.js';
import { BackendError } from '../../src/core/errors.js';
import type { ChangeOperation } from '../../src/schtasks/backends/backend.js';
import { createPowerShellBackend } from '../../src/schtasks/backends/powershell-backend.js';
import { readScriptDocument } from '../../src/schtasks/backends/powershell-output.js';
import { powerShellArgs } from '../../src/schtasks/backends/powershell-locate.js';
import { describeWithPwsh, TEMPLATES_DIR } from './pwsh.js';
import { createSimulatorDir } from './simulator-dir.js';

const NS = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

function taskXml(settings = '', description = 'sample'): string {
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    `<Task version="1.2" xmlns="${NS}">`,
    `  <RegistrationInfo><Description>${description}</Description></RegistrationInfo>`,
    '  <Principals><Principal id="Author"><UserId>S-1-5-18</UserId></Principal></Principals>',
    `  <Settings><ExecutionTimeLimit>PT2M</ExecutionTimeLimit>${settings}</Settings>`,
    '  <Actions Context="Author"><Exec><Command>python.exe</Command></Exec></Actions>',
    '</Task>',
  ].join('\r\n');
}

function counting(): ProcessRunner & { calls: ProcessRequest[] } {
  const real = createProcessRunner();
  const calls: ProcessRequest[] = [];
  return { calls, run: (request) => (calls.push(request), real.run(request)) };
}

describeWithPwsh('the templates under pwsh, through the PowerShell backend', (pwsh) => {
  it('reads hidden, disabled and oddly named tasks of this computer or another, one process a read; a computer without a folder is unreachable', async () => {
    const sim = createSimulatorDir(['localhost', 'PC2']);
    sim.writeTask('\\', 'AGI_Hidden', taskXml('<Hidden>true</Hidden>'));
    sim.writeTask('\\Deep\\Er\\', 'AGI_Off', taskXml('<Enabled>false</Enabled>'));
    sim.writeTask('\\', 'AGI_@@TASKCTL-JSON@@ x', taskXml('', '@@TASKCTL-END@@ 😀'));
    sim.writeTask('\\', 'Other_Task', taskXml());
    sim.writeTask('\\', 'AGI_On_PC2', taskXml(), 'PC2');
    const runner = counting();
    const options = { runner, powershell: pwsh, templatesDir: TEMPLATES_DIR, simulator: sim.root };

    const local = await createPowerShellBackend(options).readTasks('agi');
    expect(local.map((r) => [r.taskPath, r.taskName, r.state])).toEqual([
      ['\\', 'AGI_@@TASKCTL-JSON@@ x', 'Ready'],
      ['\\', 'AGI_Hidden', 'Ready'],
      ['\\Deep\\Er\\', 'AGI_Off', 'Disabled'],
    ]);
    expect(local[0]?.xml).toContain('@@TASKCTL-END@@ 😀');
    const remote = createPowerShellBackend({ ...options, computer: 'pc2' });
    expect(remote.description).toBe(`the simulated Task Scheduler of pc2 in ${sim.root}`);
    expect((await remote.readTasks('AGI')).map((r) => r.taskName)).toEqual(['AGI_On_PC2']);
    expect(JSON.parse(runner.calls[1]?.input ?? '')).toEqual({ prefix: 'AGI', computer: 'pc2' });

    const offline = await createPowerShellBackend({ ...options, computer: 'OFFLINE' }).readTasks('AGI').catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(BackendError);
    expect((offline as Error).message).toMatch(/could not be reached \(0x800706BA RPC_S_SERVER_UNAVAILABLE\): The RPC server is unavailable\./);
    expect(runner.calls).toHaveLength(3);
  }, 300_000);

  it('a task under the prefix whose XML may not be read fails the read, naming it; without a Task Scheduler, or with a request that is not JSON, the script says so', async () => {
    const sim = createSimulatorDir();
    sim.writeTask('\\Locked\\', 'AGI_Secret', taskXml());
    sim.writeTask('\\Locked\\', 'Other_Secret', taskXml());
    sim.configure({ deniedTasks: ['\\Locked\\AGI_Secret', '\\Locked\\Other_Secret'] });
    const runner = createProcessRunner();
    const denied = await createPowerShellBackend({ runner, powershell: pwsh, templatesDir: TEMPLATES_DIR, simulator: sim.root }).readTasks('AGI').catch((e: unknown) => e);
    expect((denied as Error).message).toMatch(/Access denied by the Task Scheduler \(0x80070005 E_ACCESSDENIED\): could not read the XML of \\Locked\\AGI_Secret: Access is denied\./);

    // No simulator: pwsh on this system has no Schedule.Service COM object.
    const none = await createPowerShellBackend({ runner, powershell: pwsh, templatesDir: TEMPLATES_DIR }).readTasks('AGI').catch((e: unknown) => e);
    expect((none as Error).message).toMatch(/The Task Scheduler scripting interface is not available in this PowerShell/);

    const garbage = await runner.run({ command: pwsh, args: powerShellArgs(join(TEMPLATES_DIR, 'apply-tasks.ps1')), input: '{ not json', env: { TASKCTL_SCHEDULER_SIMULATOR: sim.root } });
    expect(() => readScriptDocument('apply-tasks.ps1', garbage)).toThrow(/apply-tasks\.ps1 did not understand its input/);
  }, 300_000);

  it('apply: deletes; an update of a task gone since the plan is refused (TASK_UPDATE); a folder that exists but may not be read is never created again', async () => {
    const sim = createSimulatorDir();
    sim.writeTask('\\', 'AGI_Old', taskXml());
    sim.writeTask('\\Secret\\Inner\\', 'Other_Task', taskXml());
    sim.configure({ denied: ['\\Secret'] });
    const runner = counting();
    const backend = createPowerShellBackend({ runner, powershell: pwsh, templatesDir: TEMPLATES_DIR, simulator: sim.root });

    const deleted = await backend.applyChanges([{ action: 'delete', folder: '\\', name: 'AGI_Old' }], { prefix: 'AGI' });
    expect(deleted).toEqual([{ task: '\\AGI_Old', action: 'delete', status: 'done' }]);
    expect(sim.readTask('\\', 'AGI_Old')).toBeUndefined();

    const gone: ChangeOperation[] = [
      { action: 'update', folder: '\\', name: 'AGI_Gone', xml: taskXml() },
      { action: 'create', folder: '\\', name: 'AGI_Next', xml: taskXml() },
    ];
    const [update, next] = await backend.applyChanges(gone, { prefix: 'AGI' });
    expect(update).toMatchObject({ task: '\\AGI_Gone', status: 'failed' });
    expect(update?.error).toMatch(/the task does not exist \(0x80070002 ERROR_FILE_NOT_FOUND\)[\s\S]*\n {2}the task disappeared after the plan was made/);
    expect(next).toMatchObject({ status: 'not-attempted' });
    expect(sim.readTask('\\', 'AGI_Gone')).toBeUndefined();

    const [inner] = await backend.applyChanges([{ action: 'create', folder: '\\Secret\\Inner\\', name: 'AGI_New', xml: taskXml() }], { prefix: 'AGI' });
    expect(inner).toMatchObject({ status: 'failed' });
    expect(inner?.error).toMatch(/access is denied \(0x80070005 E_ACCESSDENIED\)/);
    expect(sim.listTasks()).toEqual(['\\Secret\\Inner\\Other_Task']);
    expect(runner.calls).toHaveLength(3);
  }, 300_000);
});
