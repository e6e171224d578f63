/**
 * The security descriptor (RegistrationInfo/SecurityDescriptor, SDDL: who may read, run or
 * change the task) through the CLI against a `--store`, on a task Windows itself wrote
 * (win10-memorydiagnostic-processevents: Authenticated Users may read it):
 *
 * - import declares it, and the import plans back to no changes;
 * - changed on the machine (Authenticated Users given full access), it is an update flagged
 *   `(!) changes behaviour` in the plan text; `plan --json` carries the contract's fields
 *   (path, before, after), and --detailed-exitcode says a change is pending;
 * - a declaration that leaves it out does not compare it (Windows and other tools set it);
 * - declared differently, apply writes it, and the plan is clean afterwards.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeTaskBytes, encodeTaskFile } from '../../src/schtasks/encoding.js';
import { parseTaskXml } from '../../src/schtasks/parse-task-xml.js';
import { runCli, tempDir } from '../cli/cli-harness.js';
import { corpusAvailable, readCorpusFile } from '../schtasks/corpus-files.js';

const TASK = 'AGI_MemoryDiagnostic';
const READ_FOR_USERS = 'D:P(A;;FA;;;BA)(A;;FA;;;SY)(A;;FR;;;AU)';
const FULL_FOR_USERS = 'D:P(A;;FA;;;BA)(A;;FA;;;SY)(A;;FA;;;AU)';

describe.skipIf(!corpusAvailable)('a task with a security descriptor, through the CLI against a store', () => {
  let store: string;
  let work: string;
  let taskFile: string;
  let config: string;

  /** The SDDL the store's task file holds now. */
  const storedSddl = () => parseTaskXml(decodeTaskBytes(readFileSync(taskFile)).text).definition.registrationInfo.securityDescriptor?.trim();
  const setStoredSddl = (sddl: string) => {
    const xml = decodeTaskBytes(readFileSync(taskFile)).text;
    writeFileSync(taskFile, encodeTaskFile(xml.replace(/<SecurityDescriptor>[^<]*<\/SecurityDescriptor>/, `<SecurityDescriptor>${sddl}</SecurityDescriptor>`)));
  };
  const plan = (...extra: string[]) => runCli(['plan', '--config', config, '--store', store, ...extra], { cwd: work });
  const declared = () => JSON.parse(readFileSync(config, 'utf8')) as { tasks: Record<string, unknown>[] };

  beforeEach(async () => {
    const root = tempDir('taskctl-sddl-');
    store = join(root, 'store');
    work = join(root, 'work');
    mkdirSync(store);
    mkdirSync(work);
    taskFile = join(store, TASK);
    writeFileSync(taskFile, readCorpusFile('win10-memorydiagnostic-processevents.utf16le.xml'));
    expect(storedSddl()).toBe(READ_FOR_USERS);
    const imported = await runCli(['import', '--store', store, '--format', 'json', '--out', 'fleet.json'], { cwd: work });
    expect(imported.code).toBe(0);
    config = join(work, 'fleet.json');
  });

  it('is imported, and the import plans back to no changes', async () => {
    expect(declared().tasks[0]).toMatchObject({ name: TASK, securityDescriptor: READ_FOR_USERS });
    const run = await plan('--detailed-exitcode');
    expect(run.stdout).toContain('No changes');
    expect(run.code).toBe(0);
  });

  it('changed on the machine: an update flagged as a behaviour change, in text and JSON', async () => {
    setStoredSddl(FULL_FOR_USERS);
    const text = await plan();
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`~ update \\${TASK}`);
    const line = text.stdout.split('\n').find((l) => l.includes('securityDescriptor'));
    expect(line).toBe(`      registrationInfo.securityDescriptor: "${FULL_FOR_USERS}" -> "${READ_FOR_USERS}"  (!) changes behaviour`);
    expect(text.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete.');

    const json = await plan('--json', '--detailed-exitcode');
    expect(json.code).toBe(2);
    // The contract's shape: path, before, after (plan-json.ts carries no behaviour flag).
    expect(JSON.parse(json.stdout)).toMatchObject({
      changes: [{ action: 'update', task: `\\${TASK}`, fields: [{ path: 'registrationInfo.securityDescriptor', before: FULL_FOR_USERS, after: READ_FOR_USERS }] }],
      summary: { create: 0, update: 1, delete: 0, unchanged: 0 },
    });
    expect(Object.keys(JSON.parse(json.stdout).changes[0].fields[0]).sort()).toEqual(['after', 'before', 'path']);
  });

  it('left out of the declaration, it is not compared', async () => {
    const document = declared();
    delete document.tasks[0]!['securityDescriptor'];
    writeFileSync(config, JSON.stringify(document));
    setStoredSddl(FULL_FOR_USERS);
    const run = await plan('--detailed-exitcode');
    expect(run.stdout).toContain('No changes');
    expect(run.code).toBe(0);
  });

  it('declared differently: apply writes it to the store, and the plan is clean afterwards', async () => {
    const document = declared();
    document.tasks[0]!['securityDescriptor'] = FULL_FOR_USERS;
    writeFileSync(config, JSON.stringify(document));
    expect((await plan()).stdout).toContain(`registrationInfo.securityDescriptor: "${READ_FOR_USERS}" -> "${FULL_FOR_USERS}"  (!) changes behaviour`);
    const applied = await runCli(['apply', '--config', config, '--store', store, '--yes', '--backup-dir', join(work, 'backups')], { cwd: work });
    expect(applied.stderr).not.toMatch(/error/i);
    expect(applied.code).toBe(0);
    expect(storedSddl()).toBe(FULL_FOR_USERS);
    const after = await plan('--detailed-exitcode');
    expect(after.stdout).toContain('No changes');
    expect(after.code).toBe(0);
  });
});
