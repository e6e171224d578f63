/**
 * Hostile input, end to end through the CLI: text full of XML and PowerShell
 * metacharacters, names Windows refuses, and live data built to hurt a parser.
 * Each must give either a faithful round trip or a clear error naming the task —
 * never a crash, a hang, a partial change, or a read of a local file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/cli-harness.js';
import { createSimulatedScheduler } from '../fakes/simulated-scheduler.js';
import { PWSH } from '../windows-path/pwsh.js';
import { corpusAvailable } from '../schtasks/corpus-files.js';
import { validateAgainstXsd } from '../schtasks/xsd-validate.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';

/** Every metacharacter the issue names, in one string. */
const NASTY = `it's "quoted" $(Remove-Item C:\\ -Recurse); & | \`whoami\` @{a=1} ]]> <!-- --> <x/> \n line two é 漢字 😀`;
/** The same minus what Windows forbids in task names (\ / : * ? " < > |) and newlines. */
const NASTY_NAME = "AGI_it's $(Remove-Item C) ; & `whoami` @{a=1} ]]] é 漢字 😀";

function hostileConfig(dir: string): string {
  const file = join(dir, 'hostile.json');
  writeFileSync(
    file,
    JSON.stringify({
      tasks: [
        {
          name: NASTY_NAME,
          folder: '\\AGI $(x) & é\\',
          description: NASTY,
          actions: [{ command: `C:\\Tools & $(x)\\run 'it'.exe`, arguments: NASTY, workingDirectory: `C:\\Work 'dir' $(pwd) 😀` }],
          triggers: [{ type: 'time', start: '2025-01-01T00:00:00', repeat: { interval: 'PT30M' } }],
          timeLimit: 'PT5M',
        },
      ],
    }),
  );
  return file;
}

describe('text full of XML and PowerShell metacharacters', () => {
  it.skipIf(!corpusAvailable)('renders to XML valid against the task schema, with every character intact', async () => {
    const dir = tempDir();
    const run = await runCli(['render', '--config', hostileConfig(dir)]);
    expect(run.code).toBe(0);
    const verdict = (await validateAgainstXsd({ hostile: run.stdout })).hostile;
    expect(verdict?.errors).toEqual([]);
    expect(run.stdout).toContain('&lt;!-- --&gt;');
    expect(run.stdout).not.toContain('<!-- -->');
  });

  it.skipIf(PWSH === undefined)('reaches PowerShell only as data on stdin, and plans back to no changes (real templates under pwsh)', async () => {
    const dir = tempDir();
    const config = hostileConfig(dir);
    const scheduler = createSimulatedScheduler();
    const options = { platform: 'win32' as const, runner: scheduler, env: { LOCALAPPDATA: dir, ProgramData: dir } };

    const applied = await runCli(['apply', '--config', config, '--yes'], options);
    expect(applied.stderr).not.toMatch(/error/i);
    expect(applied.code).toBe(0);

    // Arguments are the fixed script invocation; the hostile text travels in the JSON on stdin.
    for (const call of scheduler.calls) {
      expect(call.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File']);
      expect(call.args).toHaveLength(6);
      expect(call.args.join(' ')).not.toMatch(/whoami|Remove-Item|😀/);
    }
    const payload = scheduler.applied[0];
    expect(payload?.operations.map((op) => op.name)).toEqual([NASTY_NAME]);
    expect(payload?.operations[0]?.folder).toBe('\\AGI $(x) & é\\');
    expect(payload?.operations[0]?.xml).toContain('`whoami` @{a=1} ]]&gt;');

    const planned = await runCli(['plan', '--config', config, '--detailed-exitcode'], options);
    expect(planned.stdout).toContain('No changes');
    expect(planned.code).toBe(0);
  }, 180_000);
});

describe('names Windows refuses', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ...['\\', '/', ':', '*', '?', '"', '<', '>', '|'].map((ch): [string, Record<string, unknown>, string] => [
      `a name with ${ch}`,
      { name: `AGI_bad${ch}name` },
      'tasks[0].name',
    ]),
    ['a leading space', { name: ' AGI_x' }, 'tasks[0].name'],
    ['a trailing space', { name: 'AGI_x ' }, 'tasks[0].name'],
    ['an over-long path', { name: `AGI_${'x'.repeat(300)}` }, 'tasks[0].name'],
    ['a folder with a forbidden character', { name: 'AGI_x', folder: '\\bad|folder\\' }, 'tasks[0].folder'],
    ['a name outside the prefix', { name: 'Other_x' }, 'tasks[0].name'],
  ];
  for (const [label, fields, path] of cases) {
    it(`${label}: exit 1 naming ${path}, nothing read`, async () => {
      const dir = tempDir();
      const file = join(dir, 'names.json');
      writeFileSync(file, JSON.stringify({ tasks: [{ actions: [{ command: 'x.exe' }], timeLimit: 'PT1M', ...fields }] }));
      // win32 + a runner that throws: any attempt to read the scheduler would show up.
      const run = await runCli(['plan', '--config', file], { platform: 'win32' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${path}:`);
      expect(run.stderr).not.toContain('unexpected process');
    });
  }
});

describe('hostile live data', () => {
  const NS = 'http://schemas.microsoft.com/windows/2004/02/mit/task';
  const goodXml = `<?xml version="1.0" encoding="UTF-16"?><Task version="1.2" xmlns="${NS}"><Settings><ExecutionTimeLimit>PT1M</ExecutionTimeLimit></Settings><Actions><Exec><Command>a.exe</Command></Exec></Actions></Task>`;
  const snapshot = (dir: string, tasks: { name: string; xml: string }[]) => {
    const file = join(dir, 'snap.json');
    writeFileSync(file, JSON.stringify(tasks.map((t) => ({ TaskPath: '\\', TaskName: t.name, State: 3, Xml: t.xml }))));
    return file;
  };
  const empty = (dir: string) => {
    const file = join(dir, 'empty.json');
    writeFileSync(file, JSON.stringify({ prefix: 'AGI', tasks: [] }));
    return file;
  };

  it('a snapshot that is not JSON: exit 1 naming the file and where it breaks', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '[{"TaskPath": "\\\\", "TaskName": "AGI_X", ');
    const run = await runCli(['plan', '--config', empty(dir), '--live', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.json');
  });

  const poisoned: [string, string, RegExp][] = [
    ['truncated XML', goodXml.slice(0, 120), /AGI_Poison/],
    ['a billion-laughs entity bomb', `<?xml version="1.0"?><!DOCTYPE Task [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Task xmlns="${NS}"><RegistrationInfo><Description>&c;</Description></RegistrationInfo></Task>`, /DOCTYPE/],
    ['an external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE Task [<!ENTITY x SYSTEM "file:///etc/passwd">]><Task xmlns="${NS}"><RegistrationInfo><Description>&x;</Description></RegistrationInfo></Task>`, /DOCTYPE/],
    ['an undefined entity', `<Task xmlns="${NS}"><RegistrationInfo><Description>&passwd;</Description></RegistrationInfo></Task>`, /AGI_Poison/],
  ];
  for (const [label, xml, reason] of poisoned) {
    it(`${label}: named with the reason, the rest of the plan still shown, exit 1, no local file read`, async () => {
      const dir = tempDir();
      const run = await runCli(['plan', '--config', empty(dir), '--live', snapshot(dir, [{ name: 'AGI_Poison', xml }, { name: 'AGI_Fine', xml: goodXml }])]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('\\AGI_Poison');
      expect(run.stderr).toMatch(reason);
      expect(run.stdout).toContain('AGI_Fine');
      expect(run.stdout + run.stderr).not.toMatch(/root:|lollollol/);
    });
  }

  it('a 50 MB task XML: refused naming the task, not parsed', async () => {
    const dir = tempDir();
    const huge = goodXml.replace('<Actions>', `<RegistrationInfo><Description>${'x'.repeat(50 * 1024 * 1024)}</Description></RegistrationInfo><Actions>`);
    const run = await runCli(['plan', '--config', empty(dir), '--live', snapshot(dir, [{ name: 'AGI_Huge', xml: huge }])]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AGI_Huge');
    expect(run.stderr).toMatch(/its XML is \d+ characters; taskctl reads and writes task XML up to 524288/);
  });

  it('the same poisons in a task folder (--live DIR) are named by file', async () => {
    const dir = tempDir();
    const tasks = join(dir, 'Tasks');
    mkdirSync(tasks);
    writeFileSync(join(tasks, 'AGI_Laughs'), encodeTaskFile(poisoned[1]![1]));
    writeFileSync(join(tasks, 'AGI_Fine'), encodeTaskFile(goodXml));
    const run = await runCli(['plan', '--config', empty(dir), '--live', tasks]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AGI_Laughs');
    expect(run.stdout).toContain('AGI_Fine');
  });
});
