/**
 * The simulated Task Scheduler (templates/simulator/*.ps1) called directly, COM call by
 * COM call, under real pwsh: each behaviour it claims from task-scheduler-behaviour.md
 * (result codes, flags, names, refusals with their "(line,col):Node:" text, the rewriting
 * of registered XML, accounts, unreadable folders) is checked here against that reference,
 * not against the simulator's own code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeTaskBytes } from '../../src/schtasks/encoding.js';
import { drive, failureOf, valueOf, type Step } from './drive.js';
import { describeWithPwsh } from './pwsh.js';
import { createSimulatorDir } from './simulator-dir.js';

const NS = 'http://schemas.microsoft.com/windows/2004/02/mit/task';
const VALIDATE_ONLY = 1;
const CREATE = 2;
const UPDATE = 4;
const CREATE_OR_UPDATE = 6;
const DISABLE = 8;
const LOGON_NONE = 0;
const LOGON_PASSWORD = 1;
const LOGON_S4U = 2;
const LOGON_INTERACTIVE = 3;
const LOGON_SERVICE = 5;

interface TaskParts {
  registration?: string;
  triggers?: string;
  principal?: string;
  settings?: string;
  actions?: string;
  declaration?: string;
  root?: string;
}

/** Task XML laid out one element per line, so positions are easy to state. */
function taskXml(parts: TaskParts = {}): string {
  const lines = [
    parts.declaration ?? '<?xml version="1.0" encoding="UTF-16"?>',
    parts.root ?? `<Task version="1.2" xmlns="${NS}">`,
    parts.registration ?? '  <RegistrationInfo><Description>sample</Description></RegistrationInfo>',
    parts.triggers ?? '  <Triggers><TimeTrigger><StartBoundary>2025-01-01T00:12:00</StartBoundary><Repetition><Interval>PT15M</Interval></Repetition></TimeTrigger></Triggers>',
    parts.principal ?? '  <Principals><Principal id="Author"><UserId>S-1-5-18</UserId></Principal></Principals>',
    parts.settings ?? '  <Settings><ExecutionTimeLimit>PT2M</ExecutionTimeLimit></Settings>',
    parts.actions ?? '  <Actions Context="Author"><Exec><Command>python.exe</Command><Arguments>check.py</Arguments></Exec></Actions>',
    '</Task>',
  ];
  return lines.filter((line) => line !== '').join('\r\n');
}

const connect: Step[] = [
  { label: 'connect', on: 'service', call: 'Connect' },
  { label: 'root', on: 'service', call: 'GetFolder', args: ['\\'], as: 'root' },
];

function register(label: string, path: string | null, xml: string | null, flags: number, logonType = LOGON_SERVICE, user: string | null = null, password: string | null = null, on = 'root'): Step {
  return { label, on, call: 'RegisterTask', args: [path, xml, flags, user, password, logonType, null] };
}

describeWithPwsh('the simulated Task Scheduler, called as COM', (pwsh) => {
  it('service and folders: connection, GetFolder, CreateFolder, GetFolders, DeleteFolder (beh 2.3)', async () => {
    const sim = createSimulatorDir(['localhost', 'PC2']);
    const r = await drive(pwsh, sim.root, [
      { label: 'before-connect', on: 'service', call: 'GetFolder', args: ['\\'] },
      { label: 'unreachable', on: 'service', call: 'Connect', args: ['NO-SUCH-PC'] },
      ...connect,
      { label: 'connected', on: 'service', get: 'Connected' },
      { label: 'server', on: 'service', get: 'TargetServer' },
      { label: 'empty', on: 'service', call: 'GetFolder', args: [''] },
      { label: 'null', on: 'service', call: 'GetFolder', args: [null] },
      { label: 'slash', on: 'service', call: 'GetFolder', args: ['/'] },
      { label: 'dot', on: 'service', call: 'GetFolder', args: ['.'] },
      { label: 'missing', on: 'service', call: 'GetFolder', args: ['\\Missing'] },
      { label: 'create-chain', on: 'root', call: 'CreateFolder', args: ['\\A\\B\\C'] },
      { label: 'create-again', on: 'root', call: 'CreateFolder', args: ['\\a\\b'] },
      { label: 'create-trailing', on: 'root', call: 'CreateFolder', args: ['\\A\\D\\'] },
      { label: 'create-null', on: 'root', call: 'CreateFolder', args: [null] },
      { label: 'create-root', on: 'root', call: 'CreateFolder', args: ['\\'] },
      { label: 'get-abs', on: 'service', call: 'GetFolder', args: ['\\A\\B\\C'] },
      { label: 'get-rel', on: 'service', call: 'GetFolder', args: ['A\\B'], as: 'ab' },
      { label: 'get-case', on: 'service', call: 'GetFolder', args: ['\\a'], as: 'a' },
      { label: 'sub-root', on: 'a', call: 'GetFolder', args: ['\\'] },
      { label: 'sub-self', on: 'a', call: 'GetFolder', args: [''] },
      { label: 'sub-null', on: 'a', call: 'GetFolder', args: [null] },
      { label: 'sub-rel', on: 'a', call: 'GetFolder', args: ['\\B'] },
      { label: 'folders', on: 'root', call: 'GetFolders', args: [0], as: 'folders' },
      { label: 'item-0', on: 'folders', call: 'Item', args: [0] },
      { label: 'item-1', on: 'folders', call: 'Item', args: [1] },
      { label: 'item-name', on: 'folders', call: 'Item', args: ['a'] },
      { label: 'delete-nonempty', on: 'root', call: 'DeleteFolder', args: ['A', 0] },
      { label: 'delete-missing', on: 'root', call: 'DeleteFolder', args: ['Nope', 0] },
      { label: 'delete-root', on: 'root', call: 'DeleteFolder', args: ['', 0] },
      { label: 'delete-leaf', on: 'ab', call: 'DeleteFolder', args: ['C', 0] },
      { label: 'after-delete', on: 'service', call: 'GetFolder', args: ['\\A\\B\\C'] },
      { label: 'pc2', on: 'service', call: 'Connect', args: ['pc2'] },
      { label: 'pc2-server', on: 'service', get: 'TargetServer' },
      // Connect(serverName, user, domain, password): the other spellings of the call.
      { label: 'connect-2', on: 'service', call: 'Connect', args: ['', null] },
      { label: 'connect-3', on: 'service', call: 'Connect', args: [null, null, null] },
      { label: 'connect-4', on: 'service', call: 'Connect', args: ['NO-SUCH-PC', 'user', 'DOMAIN', 'password'] },
    ]);
    expect(failureOf(r, 'before-connect').hresult).toBe('0x800704E3');
    expect(failureOf(r, 'unreachable')).toMatchObject({ hresult: '0x800706BA', message: 'The RPC server is unavailable.' });
    expect(valueOf(r, 'connected')).toBe(true);
    expect(valueOf(r, 'server')).toBe('LOCALHOST');
    for (const label of ['root', 'empty', 'null']) expect(valueOf(r, label)).toMatchObject({ Name: '\\', Path: '\\' });
    expect(failureOf(r, 'slash').hresult).toBe('0x8007007B');
    expect(failureOf(r, 'dot').hresult).toBe('0x8007007B');
    expect(failureOf(r, 'missing').hresult).toBe('0x80070003');
    expect(valueOf(r, 'create-chain')).toMatchObject({ Name: 'C', Path: '\\A\\B\\C' });
    expect(failureOf(r, 'create-again').hresult).toBe('0x800700B7');
    expect(failureOf(r, 'create-trailing').hresult).toBe('0x8007007B');
    expect(failureOf(r, 'create-null').hresult).toBe('0x80070057');
    expect(failureOf(r, 'create-root').hresult).toBe('0x80070057');
    expect(valueOf(r, 'get-abs')).toMatchObject({ Name: 'C', Path: '\\A\\B\\C' });
    // Path echoes the form used: no leading backslash (Wine L238-295).
    expect(valueOf(r, 'get-rel')).toMatchObject({ Name: 'B', Path: 'A\\B' });
    expect(valueOf(r, 'get-case')).toMatchObject({ Name: 'A' });
    expect(failureOf(r, 'sub-root').hresult).toBe('0x8007007B');
    expect(valueOf(r, 'sub-self')).toMatchObject({ Name: 'A' });
    expect(failureOf(r, 'sub-null').hresult).toBe('0x80070057');
    expect(valueOf(r, 'sub-rel')).toMatchObject({ Name: 'B', Path: '\\A\\B' });
    expect(valueOf(r, 'folders')).toMatchObject({ kind: 'collection', Count: 1 });
    expect(failureOf(r, 'item-0').hresult).toBe('0x80070057');
    expect(valueOf(r, 'item-1')).toMatchObject({ Path: '\\A' });
    expect(valueOf(r, 'item-name')).toMatchObject({ Path: '\\A' });
    expect(failureOf(r, 'delete-nonempty').hresult).toBe('0x80070091');
    expect(failureOf(r, 'delete-missing').hresult).toBe('0x80070002');
    expect(failureOf(r, 'delete-root').hresult).toBe('0x80070005');
    expect(valueOf(r, 'delete-leaf')).toBeNull();
    expect(failureOf(r, 'after-delete').hresult).toBe('0x80070003');
    expect(valueOf(r, 'pc2-server')).toBe('PC2');
    expect(valueOf(r, 'connect-2')).toBeNull();
    expect(valueOf(r, 'connect-3')).toBeNull();
    expect(failureOf(r, 'connect-4').outer).toMatch(/^MethodInvocationException: Exception calling "Connect" with "4" argument\(s\)/);
    // A failing call looks like the COM binding's: MethodInvocationException around the COMException.
    expect(failureOf(r, 'missing').outer).toBe('MethodInvocationException: Exception calling "GetFolder" with "1" argument(s): "The system cannot find the path specified."');
  });

  it('RegisterTask flags: VALIDATE_ONLY changes nothing, CREATE refuses an existing task, UPDATE a missing one (beh 2.2)', async () => {
    const sim = createSimulatorDir();
    const xml = taskXml();
    const r = await drive(pwsh, sim.root, [
      ...connect,
      register('validate', 'AGI_V', xml, VALIDATE_ONLY),
      register('update-missing', 'AGI_T', xml, UPDATE),
      register('create', 'AGI_T', xml, CREATE),
      register('create-existing', 'AGI_T', xml, CREATE),
      register('zero-existing', 'agi_t', xml, 0),
      register('update-existing', 'AGI_T', xml, UPDATE),
      register('create-or-update', 'AGI_T', xml, CREATE_OR_UPDATE),
      // RegisterTask without its last (sddl) argument.
      { label: 'six-arguments', on: 'root', call: 'RegisterTask', args: ['AGI_Six', xml, CREATE, null, null, LOGON_SERVICE] },
      register('validate-ignore-triggers', 'AGI_V', xml, VALIDATE_ONLY | 0x20),
      register('null-xml', 'AGI_N', null, CREATE),
      register('null-path', null, xml, CREATE),
      register('relative', 'Sub\\Deeper\\AGI_R', xml, CREATE),
      { label: 'sub', on: 'service', call: 'GetFolder', args: ['\\Sub'], as: 'sub' },
      register('sub-null-path', null, xml, CREATE, LOGON_SERVICE, null, null, 'sub'),
      // A path with a leading `\` given to a sub-folder is taken from the root.
      register('absolute', '\\Abs\\AGI_A', xml, CREATE, LOGON_SERVICE, null, null, 'sub'),
      register('named-like-folder', 'Sub', xml, CREATE),
      register('disabled-flag', 'AGI_D', xml, CREATE | DISABLE),
      register('disabled-xml', 'AGI_E', taskXml({ settings: '  <Settings><Enabled>false</Enabled></Settings>' }), CREATE),
      register('hidden', 'AGI_H', taskXml({ settings: '  <Settings><Hidden>true</Hidden></Settings>' }), CREATE),
      ...[':', '/', '*', '?', '"', '<', '>', '|'].map((c, i) => register(`bad-char-${i}`, `AGI_${c}x`, xml, CREATE)),
      register('bad-leading', ' AGI_x', xml, CREATE),
      register('bad-trailing', 'AGI_x ', xml, CREATE),
      register('bad-dotdot', '..', xml, CREATE),
      register('bad-trailing-slash', 'Sub\\', xml, CREATE),
      { label: 'tasks-0', on: 'root', call: 'GetTasks', args: [0] },
      { label: 'tasks-hidden', on: 'root', call: 'GetTasks', args: [1] },
      { label: 'get-hidden', on: 'root', call: 'GetTask', args: ['AGI_H'] },
      { label: 'get-null', on: 'root', call: 'GetTask', args: [null] },
      { label: 'get-missing', on: 'root', call: 'GetTask', args: ['AGI_Missing'] },
      { label: 'get-missing-folder', on: 'root', call: 'GetTask', args: ['Nope\\AGI_T'] },
      { label: 'get-folder', on: 'root', call: 'GetTask', args: ['Sub'] },
      { label: 'get-nested', on: 'root', call: 'GetTask', args: ['Sub\\Deeper\\AGI_R'] },
      { label: 'delete-missing', on: 'root', call: 'DeleteTask', args: ['AGI_Missing', 0] },
      { label: 'delete-null', on: 'root', call: 'DeleteTask', args: [null, 0] },
      { label: 'delete', on: 'root', call: 'DeleteTask', args: ['agi_d', 0] },
    ]);
    expect(valueOf(r, 'validate')).toBeNull();
    expect(failureOf(r, 'update-missing')).toMatchObject({ hresult: '0x80070002', message: 'The system cannot find the file specified.' });
    expect(valueOf(r, 'create')).toMatchObject({ Name: 'AGI_T', Path: '\\AGI_T', State: 3, Enabled: true });
    expect(failureOf(r, 'create-existing')).toMatchObject({ hresult: '0x800700B7', message: 'Cannot create a file when that file already exists.' });
    expect(failureOf(r, 'zero-existing').hresult).toBe('0x800700B7');
    expect(valueOf(r, 'update-existing')).toMatchObject({ Path: '\\AGI_T' });
    expect(valueOf(r, 'create-or-update')).toMatchObject({ Path: '\\AGI_T' });
    expect(valueOf(r, 'six-arguments')).toMatchObject({ Path: '\\AGI_Six' });
    expect(failureOf(r, 'validate-ignore-triggers').hresult).toBe('0x80070057');
    expect(failureOf(r, 'null-xml').hresult).toBe('0x800706F4');
    expect((valueOf(r, 'null-path') as { Name: string }).Name).toMatch(/^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/);
    expect(valueOf(r, 'relative')).toMatchObject({ Name: 'AGI_R', Path: '\\Sub\\Deeper\\AGI_R' });
    expect(failureOf(r, 'sub-null-path').hresult).toBe('0x80070057');
    expect(valueOf(r, 'absolute')).toMatchObject({ Path: '\\Abs\\AGI_A' });
    expect(failureOf(r, 'named-like-folder').hresult).toBe('0x80070005');
    expect(valueOf(r, 'disabled-flag')).toMatchObject({ State: 1, Enabled: false });
    expect(valueOf(r, 'disabled-xml')).toMatchObject({ State: 1, Enabled: false });
    for (let i = 0; i < 8; i++) expect(failureOf(r, `bad-char-${i}`).hresult).toBe('0x8007007B');
    for (const label of ['bad-leading', 'bad-trailing', 'bad-dotdot', 'bad-trailing-slash']) expect(failureOf(r, label).hresult).toBe('0x8007007B');
    const names = (label: string) => (valueOf(r, label) as { items: { Name: string }[] }).items.map((t) => t.Name);
    expect(names('tasks-0')).not.toContain('AGI_H');
    expect(names('tasks-hidden')).toContain('AGI_H');
    expect(names('tasks-hidden')).not.toContain('AGI_V');
    expect(valueOf(r, 'get-hidden')).toMatchObject({ Name: 'AGI_H' });
    expect(failureOf(r, 'get-null').hresult).toBe('0x80070057');
    expect(failureOf(r, 'get-missing').hresult).toBe('0x80070002');
    expect(failureOf(r, 'get-missing-folder').hresult).toBe('0x80070003');
    expect(failureOf(r, 'get-folder').hresult).toBe('0x80070003');
    expect(valueOf(r, 'get-nested')).toMatchObject({ Path: '\\Sub\\Deeper\\AGI_R' });
    expect(failureOf(r, 'delete-missing').hresult).toBe('0x80070002');
    expect(failureOf(r, 'delete-null').hresult).toBe('0x80070091');
    expect(valueOf(r, 'delete')).toBeNull();
    // Nothing was written for the validate-only call; the case of the first registration is kept.
    expect(sim.listTasks().filter((p) => !/\{/.test(p))).toEqual(['\\AGI_E', '\\AGI_H', '\\AGI_Six', '\\AGI_T', '\\Abs\\AGI_A', '\\Sub\\Deeper\\AGI_R']);
  });

  it('refuses XML Task Scheduler refuses, with its HRESULT and "(line,col):Node:" text (beh 1.4, 2.1)', async () => {
    const sim = createSimulatorDir();
    const triggers = (n: number) => `  <Triggers>${'<BootTrigger/>'.repeat(n)}</Triggers>`;
    const actions = (n: number) => `  <Actions>${'<Exec><Command>a.exe</Command></Exec>'.repeat(n)}</Actions>`;
    const cases: [string, string, string, RegExp][] = [
      ['empty', '', '0x8004131A', /^\(1,1\)::ERROR:/],
      ['unclosed', taskXml().replace('</Task>', ''), '0x8004131A', /^\(\d+,\d+\)::ERROR: /],
      ['utf-8 declaration', taskXml({ declaration: '<?xml version="1.0" encoding="UTF-8"?>' }), '0x8004131A', /^\(1,39\)::ERROR: switch from current encoding to specified encoding not supported$/],
      ['no namespace', taskXml({ root: '<Task version="1.2">' }), '0x80041317', /^\(2,2\):Task:$/],
      ['foreign element', taskXml({ settings: '  <Settings><x:Foo xmlns:x="urn:x"/></Settings>' }), '0x80041317', /^\(6,14\):Foo:$/],
      ['root TASK', taskXml({ root: `<TASK version="1.2" xmlns="${NS}">` }).replace('</Task>', '</TASK>'), '0x80041316', /^\(2,2\):TASK:$/],
      ['unknown element', taskXml({ settings: '  <Settings><Turbo>true</Turbo></Settings>' }), '0x80041316', /^\(6,14\):Turbo:$/],
      ['element with the wrong case', taskXml({ actions: '  <Actions><Exec><command>a.exe</command></Exec></Actions>' }), '0x80041316', /^\(7,19\):command:$/],
      ['no action', taskXml({ actions: '  <Actions Context="Author"/>' }), '0x80041319', /^\(7,4\):Actions:$/],
      ['exec without command', taskXml({ actions: '  <Actions><Exec><Arguments>x</Arguments></Exec></Actions>' }), '0x80041319', /^\(7,13\):Command:$/],
      ['time trigger without start', taskXml({ triggers: '  <Triggers><TimeTrigger><Enabled>true</Enabled></TimeTrigger></Triggers>' }), '0x80041319', /^\(4,14\):StartBoundary:$/],
      ['FALSE', taskXml({ settings: '  <Settings><Enabled>FALSE</Enabled></Settings>' }), '0x80041318', /^\(6,14\):Enabled:FALSE$/],
      ['priority 11', taskXml({ settings: '  <Settings><Priority>11</Priority></Settings>' }), '0x80041318', /^\(6,14\):Priority:11$/],
      ['interval under a minute', taskXml({ triggers: '  <Triggers><TimeTrigger><StartBoundary>2025-01-01T00:00:00</StartBoundary><Repetition><Interval>PT30S</Interval></Repetition></TimeTrigger></Triggers>' }), '0x80041318', /:Interval:PT30S$/],
      ['endless duration', taskXml({ triggers: '  <Triggers><TimeTrigger><StartBoundary>2025-01-01T00:00:00</StartBoundary><Repetition><Interval>PT5M</Interval><Duration>P99999999DT23H59M59S</Duration></Repetition></TimeTrigger></Triggers>' }), '0x80041318', /:Duration:P99999999DT23H59M59S$/],
      ['bad duration', taskXml({ settings: '  <Settings><ExecutionTimeLimit>2 minutes</ExecutionTimeLimit></Settings>' }), '0x80041318', /:ExecutionTimeLimit:2 minutes$/],
      ['bad date', taskXml({ triggers: '  <Triggers><TimeTrigger><StartBoundary>2025-02-30T00:00:00</StartBoundary></TimeTrigger></Triggers>' }), '0x80041318', /:StartBoundary:2025-02-30T00:00:00$/],
      ['long command', taskXml({ actions: `  <Actions><Exec><Command>${'x'.repeat(261)}</Command></Exec></Actions>` }), '0x80041318', /^\(7,19\):Command:x{261}$/],
      ['ServiceAccount logon type', taskXml({ principal: '  <Principals><Principal><UserId>S-1-5-18</UserId><LogonType>ServiceAccount</LogonType></Principal></Principals>' }), '0x80041318', /:LogonType:ServiceAccount$/],
      ['bad version', taskXml({ root: `<Task version="one" xmlns="${NS}">` }), '0x80041318', /:version:one$/],
      ['49 triggers', taskXml({ triggers: triggers(49) }), '0x8004131D', /:BootTrigger:$/],
      ['33 actions', taskXml({ actions: actions(33) }), '0x8004131D', /:Exec:$/],
      ['two principals', taskXml({ principal: '  <Principals><Principal><UserId>S-1-5-18</UserId></Principal><Principal><UserId>S-1-5-19</UserId></Principal></Principals>' }), '0x8004131D', /:Principal:$/],
      ['two schedules', taskXml({ triggers: '  <Triggers><CalendarTrigger><StartBoundary>2025-01-01T00:00:00</StartBoundary><ScheduleByDay/><ScheduleByWeek/></CalendarTrigger></Triggers>' }), '0x80041316', /:ScheduleByWeek:$/],
      ['no schedule', taskXml({ triggers: '  <Triggers><CalendarTrigger><StartBoundary>2025-01-01T00:00:00</StartBoundary></CalendarTrigger></Triggers>' }), '0x80041319', /^\(4,14\):ScheduleByDay:$/],
      ['no principal', taskXml({ principal: '  <Principals/>' }), '0x80041319', /^\(5,4\):Principals:$/],
      ['unknown attribute', taskXml({ settings: '  <Settings turbo="1"/>' }), '0x80041316', /^\(6,13\):turbo:$/],
      ['foreign attribute', taskXml({ settings: '  <Settings xmlns:x="urn:x" x:turbo="1"/>' }), '0x80041317', /:turbo:$/],
      ['text in a complex element', taskXml({ settings: '  <Settings>fast</Settings>' }), '0x80041316', /:Settings:fast$/],
    ];
    const accepted: [string, string][] = [
      // Windows' own files put Repetition before StartBoundary and Settings before Triggers.
      ['Windows order', taskXml({ triggers: '  <Triggers><TimeTrigger><Repetition><Interval>PT15M</Interval></Repetition><Enabled>true</Enabled><StartBoundary>2025-01-01T00:00:00</StartBoundary></TimeTrigger></Triggers>' })],
      ['no triggers, empty settings', taskXml({ triggers: '', settings: '  <Settings/>', registration: '  <RegistrationInfo/>' })],
      ['48 triggers, 32 actions', taskXml({ triggers: triggers(48), actions: actions(32) })],
      ['booleans 1 and 0', taskXml({ settings: '  <Settings><Enabled>1</Enabled><Hidden>0</Hidden></Settings>' })],
      ['WNF trigger with its own children', taskXml({ triggers: '  <Triggers><WnfStateChangeTrigger><StateName>7508BCA3</StateName><Data>01</Data></WnfStateChangeTrigger></Triggers>' })],
      ['no declaration', taskXml({ declaration: '' })],
    ];
    const r = await drive(pwsh, sim.root, [
      ...connect,
      ...cases.map(([label, xml]) => register(label, 'AGI_X', xml, VALIDATE_ONLY)),
      ...accepted.map(([label, xml]) => register(label, 'AGI_X', xml, VALIDATE_ONLY)),
    ]);
    for (const [label, , hresult, message] of cases) {
      const failure = failureOf(r, label);
      expect({ label, hresult: failure.hresult }).toEqual({ label, hresult });
      expect(failure.message, label).toMatch(message);
    }
    for (const [label] of accepted) expect(valueOf(r, label), label).toBeNull();
    expect(sim.listTasks()).toEqual([]);
  });

  it('stores registered XML the way Windows 10 rewrites it, UTF-16LE with BOM (beh 1.1)', async () => {
    const sim = createSimulatorDir();
    const xml = [
      '<?xml version="1.0" encoding="UTF-16"?>',
      `<Task version="1.2" xmlns="${NS}">`,
      '<Settings><ExecutionTimeLimit>P3D</ExecutionTimeLimit><Enabled>true</Enabled></Settings>',
      '<Triggers><TimeTrigger><StartBoundary>2015-07-15T20:35:13.2757294</StartBoundary></TimeTrigger></Triggers>',
      '<Principals><Principal id="LocalSystem"><UserId>S-1-5-18</UserId></Principal></Principals>',
      '<Actions Context="LocalSystem"><Exec><Command>cmd.exe</Command><Arguments>/c echo &quot;작업&quot; &amp; echo 1 &gt; nul 😀</Arguments></Exec></Actions>',
      '</Task>',
    ].join('\n');
    const r = await drive(pwsh, sim.root, [
      ...connect,
      register('atexec', 'AGI_한글_작업', xml, CREATE, LOGON_NONE),
      register('s4u', 'AGI_S4U', taskXml({ principal: '  <Principals><Principal><UserId>PC\\svc</UserId><LogonType>InteractiveToken</LogonType></Principal></Principals>' }), CREATE, LOGON_S4U, 'PC\\other'),
      register('service', 'AGI_Service', taskXml(), CREATE, LOGON_SERVICE),
    ]);
    const stored = sim.readTask('\\', 'AGI_한글_작업');
    expect(stored).toBeDefined();
    expect([...stored!.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(decodeTaskBytes(new Uint8Array(stored!.bytes)).encoding).toBe('utf-16le');
    expect((valueOf(r, 'atexec') as { Xml: string }).Xml).toBe(stored!.text);
    expect(stored!.text.split('\r\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-16"?>',
      `<Task version="1.2" xmlns="${NS}">`,
      '  <Settings>',
      '    <ExecutionTimeLimit>P3D</ExecutionTimeLimit>',
      '    <Enabled>true</Enabled>',
      '  </Settings>',
      '  <Triggers>',
      '    <TimeTrigger>',
      '      <StartBoundary>2015-07-15T20:35:13.2757294</StartBoundary>',
      '    </TimeTrigger>',
      '  </Triggers>',
      '  <Principals>',
      '    <Principal id="LocalSystem">',
      '      <UserId>S-1-5-18</UserId>',
      '      <LogonType>InteractiveToken</LogonType>',
      '    </Principal>',
      '  </Principals>',
      '  <Actions Context="LocalSystem">',
      '    <Exec>',
      '      <Command>cmd.exe</Command>',
      '      <Arguments>/c echo "작업" &amp; echo 1 &gt; nul 😀</Arguments>',
      '    </Exec>',
      '  </Actions>',
      '  <RegistrationInfo>',
      '    <URI>\\AGI_한글_작업</URI>',
      '  </RegistrationInfo>',
      '</Task>',
    ]);
    // The logonType argument wins over the XML's, and the user given replaces the XML's.
    const s4u = sim.readTask('\\', 'AGI_S4U')!.text;
    expect(s4u).toContain('      <UserId>PC\\other</UserId>\r\n      <LogonType>S4U</LogonType>\r\n');
    expect(s4u).not.toContain('InteractiveToken');
    // TASK_LOGON_SERVICE_ACCOUNT adds no LogonType: the schema has no name for it.
    expect(sim.readTask('\\', 'AGI_Service')!.text).not.toContain('<LogonType>');
    expect(sim.readTask('\\', 'AGI_Service')!.text).toContain('<Description>sample</Description>\r\n    <URI>\\AGI_Service</URI>');
  });

  it('Windows 11 24H2 also drops default-valued elements; "sid" machines read names back as SIDs', async () => {
    const sim = createSimulatorDir();
    sim.configure({ windows: '11-24H2', userIds: 'sid', accounts: [{ name: 'PC\\철수', sid: 'S-1-5-21-1-2-3-1001' }] });
    const xml = taskXml({
      triggers: '  <Triggers><TimeTrigger><Enabled>true</Enabled><StartBoundary>2025-01-01T00:00:00</StartBoundary><Repetition><Interval>PT5M</Interval><StopAtDurationEnd>false</StopAtDurationEnd></Repetition></TimeTrigger><BootTrigger><Enabled>false</Enabled></BootTrigger></Triggers>',
      principal: '  <Principals><Principal id="Author"><UserId>NT AUTHORITY\\SYSTEM</UserId><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>',
      settings: '  <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy><Enabled>true</Enabled><Priority>7</Priority><ExecutionTimeLimit>P3D</ExecutionTimeLimit><Hidden>false</Hidden><StartWhenAvailable>true</StartWhenAvailable><Priority2/></Settings>'.replace('<Priority2/>', '<IdleSettings><Duration>PT10M</Duration><StopOnIdleEnd>true</StopOnIdleEnd></IdleSettings>'),
    });
    await drive(pwsh, sim.root, [
      ...connect,
      register('win11', 'AGI_W', xml, CREATE, LOGON_SERVICE),
      register('user', 'AGI_U', taskXml({ principal: '  <Principals><Principal><UserId>pc\\철수</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals>' }), CREATE, LOGON_INTERACTIVE),
    ]);
    const text = sim.readTask('\\', 'AGI_W')!.text;
    for (const gone of ['MultipleInstancesPolicy', '<Enabled>true', '<Priority>', 'ExecutionTimeLimit', '<Hidden>', 'StopAtDurationEnd', 'RunLevel', 'IdleSettings']) {
      expect(text, gone).not.toContain(gone);
    }
    expect(text).toContain('<StartWhenAvailable>true</StartWhenAvailable>');
    expect(text).toContain('<Enabled>false</Enabled>');
    expect(text).toContain('<UserId>S-1-5-18</UserId>');
    const user = sim.readTask('\\', 'AGI_U')!.text;
    expect(user).toContain('<UserId>S-1-5-21-1-2-3-1001</UserId>');
    expect(user).toContain('<RunLevel>HighestAvailable</RunLevel>');
  });

  it('accounts: names that do not resolve, S4U with a bare name, passwords (beh 3); a session that is not elevated', async () => {
    const sim = createSimulatorDir(['localhost', 'USER-PC']);
    sim.configure({ accounts: [{ name: 'PC\\철수', sid: 'S-1-5-21-1-2-3-1001', password: '비밀 p@ss' }] });
    sim.configure({ elevated: false }, 'USER-PC');
    const principal = (user: string, logon?: string) =>
      taskXml({ principal: `  <Principals><Principal><UserId>${user}</UserId>${logon ? `<LogonType>${logon}</LogonType>` : ''}</Principal></Principals>` });
    const r = await drive(pwsh, sim.root, [
      ...connect,
      register('unknown', 'AGI_A', principal('PC\\nobody'), VALIDATE_ONLY, LOGON_INTERACTIVE),
      register('unknown-group', 'AGI_A', taskXml({ principal: '  <Principals><Principal><GroupId>PC\\Nobodies</GroupId></Principal></Principals>' }), VALIDATE_ONLY, 4),
      register('known-group', 'AGI_A', taskXml({ principal: '  <Principals><Principal><GroupId>BUILTIN\\Users</GroupId></Principal></Principals>' }), VALIDATE_ONLY, 4),
      register('bare-s4u', 'AGI_A', principal('철수', 'S4U'), VALIDATE_ONLY, LOGON_S4U),
      register('qualified-s4u', 'AGI_A', principal('PC\\철수', 'S4U'), VALIDATE_ONLY, LOGON_S4U),
      register('no-password', 'AGI_A', principal('PC\\철수', 'Password'), VALIDATE_ONLY, LOGON_PASSWORD),
      register('wrong-password', 'AGI_A', principal('PC\\철수', 'Password'), VALIDATE_ONLY, LOGON_PASSWORD, 'PC\\철수', 'wrong'),
      register('password-without-user', 'AGI_A', principal('PC\\철수', 'Password'), VALIDATE_ONLY, LOGON_PASSWORD, null, '비밀 p@ss'),
      register('service-with-password', 'AGI_A', principal('S-1-5-18'), VALIDATE_ONLY, LOGON_SERVICE, 'NT AUTHORITY\\SYSTEM', 'x'),
      register('right-password', 'AGI_P', principal('PC\\철수', 'Password'), CREATE, LOGON_PASSWORD, 'PC\\철수', '비밀 p@ss'),
      register('by-sid', 'AGI_Q', principal('S-1-5-21-1-2-3-1001', 'InteractiveToken'), CREATE, LOGON_INTERACTIVE),
      // A user given to RegisterTask for XML without a UserId: the error points at the Principal.
      register('user-argument', 'AGI_A', taskXml({ principal: '  <Principals><Principal id="Author"><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>' }), VALIDATE_ONLY, LOGON_INTERACTIVE, 'PC\\nobody', null),
      { label: 'user-pc', on: 'service', call: 'Connect', args: ['USER-PC'] },
      { label: 'user-root', on: 'service', call: 'GetFolder', args: ['\\'], as: 'user-root' },
      register('unelevated-system', 'AGI_A', principal('S-1-5-18'), VALIDATE_ONLY, LOGON_SERVICE, null, null, 'user-root'),
      register('unelevated-boot', 'AGI_A', taskXml({ triggers: '  <Triggers><BootTrigger/></Triggers>', principal: '  <Principals><Principal><UserId>PC\\me</UserId></Principal></Principals>' }), VALIDATE_ONLY, LOGON_INTERACTIVE, null, null, 'user-root'),
      register('unelevated-highest', 'AGI_A', taskXml({ principal: '  <Principals><Principal><UserId>PC\\me</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals>' }), VALIDATE_ONLY, LOGON_INTERACTIVE, null, null, 'user-root'),
      register('unelevated-user', 'AGI_A', taskXml({ principal: '  <Principals><Principal><UserId>PC\\me</UserId></Principal></Principals>' }), VALIDATE_ONLY, LOGON_INTERACTIVE, null, null, 'user-root'),
    ]);
    // `  <Principals><Principal><UserId>`: the element's name starts at column 27.
    expect(failureOf(r, 'unknown')).toMatchObject({ hresult: '0x80070534', message: '(5,27):UserId:' });
    expect(failureOf(r, 'unknown-group')).toMatchObject({ hresult: '0x80070534', message: '(5,27):GroupId:' });
    expect(valueOf(r, 'known-group')).toBeNull();
    expect(failureOf(r, 'bare-s4u')).toMatchObject({ hresult: '0x80070057', message: '(5,27):UserId:' });
    expect(valueOf(r, 'qualified-s4u')).toBeNull();
    expect(failureOf(r, 'no-password')).toMatchObject({ hresult: '0x8007052E', message: 'The user name or password is incorrect.' });
    expect(failureOf(r, 'wrong-password').hresult).toBe('0x8007052E');
    expect(failureOf(r, 'password-without-user').hresult).toBe('0x8007000E');
    expect(failureOf(r, 'service-with-password').hresult).toBe('0x8007052E');
    expect(valueOf(r, 'right-password')).toMatchObject({ Path: '\\AGI_P' });
    expect(valueOf(r, 'by-sid')).toMatchObject({ Path: '\\AGI_Q' });
    expect(failureOf(r, 'user-argument')).toMatchObject({ hresult: '0x80070534', message: '(5,16):UserId:' });
    for (const label of ['unelevated-system', 'unelevated-boot', 'unelevated-highest']) expect({ label, ...failureOf(r, label) }).toMatchObject({ label, hresult: '0x80070005' });
    expect(valueOf(r, 'unelevated-user')).toBeNull();
    // The password reached the check and went no further.
    const stored = sim.readTask('\\', 'AGI_P')!;
    expect(stored.text).toContain('<UserId>PC\\철수</UserId>');
    expect(stored.text).not.toContain('비밀');
    expect(JSON.stringify(r)).not.toContain('비밀');
  });

  it('a .simulator.json it can not use is named with what is wrong', async () => {
    const sim = createSimulatorDir(['BAD-JSON', 'BAD-KEY', 'BAD-WINDOWS']);
    writeFileSync(join(sim.computer('BAD-JSON'), '.simulator.json'), '{ "windows": ');
    writeFileSync(join(sim.computer('BAD-KEY'), '.simulator.json'), '{ "window": "10" }');
    sim.configure({ windows: '12' as '10' }, 'BAD-WINDOWS');
    const r = await drive(pwsh, sim.root, ['BAD-JSON', 'BAD-KEY', 'BAD-WINDOWS'].map((name) => ({ label: name, on: 'service', call: 'Connect', args: [name] })));
    expect(failureOf(r, 'BAD-JSON').message).toMatch(/^simulator: .*\.simulator\.json is not valid JSON/);
    expect(failureOf(r, 'BAD-KEY').message).toMatch(/has an unknown setting "window" \(known: windows, denied, deniedTasks, accounts, userIds, elevated\)/);
    expect(failureOf(r, 'BAD-WINDOWS').message).toMatch(/"windows" is "10" or "11-24H2", not "12"/);
  });

  it('a denied folder: its tasks and sub-folders can not be listed, read or changed (0x80070005)', async () => {
    const sim = createSimulatorDir();
    sim.writeTask('\\Secret\\', 'AGI_Hidden', taskXml());
    sim.writeTask('\\Secret\\Inner\\', 'AGI_Deep', taskXml());
    sim.writeTask('\\', 'AGI_Broken', '<Task><not closed');
    sim.configure({ denied: ['\\secret'] });
    const r = await drive(pwsh, sim.root, [
      ...connect,
      { label: 'folder', on: 'service', call: 'GetFolder', args: ['\\Secret'], as: 'secret' },
      { label: 'tasks', on: 'secret', call: 'GetTasks', args: [1] },
      { label: 'folders', on: 'secret', call: 'GetFolders', args: [0] },
      { label: 'task', on: 'root', call: 'GetTask', args: ['Secret\\AGI_Hidden'] },
      { label: 'inner', on: 'service', call: 'GetFolder', args: ['\\Secret\\Inner'] },
      register('register', 'AGI_Hidden', taskXml(), CREATE, LOGON_SERVICE, null, null, 'secret'),
      { label: 'delete', on: 'secret', call: 'DeleteTask', args: ['AGI_Hidden', 0] },
      { label: 'listed', on: 'root', call: 'GetFolders', args: [0] },
      { label: 'broken', on: 'root', call: 'GetTask', args: ['AGI_Broken'] },
      { label: 'item-missing', on: 'root', call: 'GetFolders', args: [0], as: 'top' },
      { label: 'item-missing-name', on: 'top', call: 'Item', args: ['Nope'] },
    ]);
    expect(valueOf(r, 'folder')).toMatchObject({ Path: '\\Secret' });
    for (const label of ['tasks', 'folders', 'task', 'inner', 'register', 'delete']) {
      expect({ label, ...failureOf(r, label) }).toMatchObject({ label, hresult: '0x80070005', message: 'Access is denied.' });
    }
    expect(valueOf(r, 'listed')).toMatchObject({ Count: 1 });
    // XML that can't be read: TASK_STATE_UNKNOWN.
    expect(valueOf(r, 'broken')).toMatchObject({ Name: 'AGI_Broken', State: 0 });
    expect(failureOf(r, 'item-missing-name').hresult).toBe('0x80070057');
    expect(sim.listTasks()).toEqual(['\\AGI_Broken', '\\Secret\\AGI_Hidden', '\\Secret\\Inner\\AGI_Deep']);
  });
});
