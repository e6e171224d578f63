/**
 * One size limit, applied where declarations are checked, where live tasks are read and
 * where task files are written (issue 11.3), and errors that name the file, the line and
 * what is wrong (issue 11.7).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/schtasks/model.js';
import { encodeTaskFile } from '../../src/schtasks/encoding.js';
import { runCli, tempDir } from './cli-harness.js';

const minimal = join(import.meta.dirname, 'fixtures', 'minimal.json');
const now = new Date('2025-01-06T00:00:00Z');

function task(name: string, extra: Record<string, unknown> = {}) {
  return { name, actions: [{ command: 'python.exe', arguments: `C:\\AGI\\${name}.py` }], timeLimit: 'PT1M', ...extra };
}

describe('nothing is written that taskctl could not read back', () => {
  it('a declaration whose XML would exceed the limit is refused, naming the task; nothing is written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.json'), JSON.stringify({ tasks: [task('AGI_Big', { description: 'x'.repeat(LIMITS.taskXmlChars) }), task('AGI_Small')] }));
    const run = await runCli(['apply', '--store', 'store', '--config', 'big.json', '--yes', '--backup-dir', 'b'], { cwd: dir, now });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tasks\[0\]: the task's XML would be \d+ characters; taskctl reads and writes at most 524288/);
    const render = await runCli(['render', '--config', 'big.json'], { cwd: dir, now });
    expect(render.code).toBe(1);
  });
});

describe('a live task over the limit is reported by name, and the rest still planned', () => {
  it('plan shows every other change and names the file; apply refuses naming it; list-conflicts still works', async () => {
    const dir = tempDir();
    expect((await runCli(['apply', '--store', 'store', '--config', minimal, '--yes', '--backup-dir', 'b'], { cwd: dir, now })).code).toBe(0);
    const huge = `<?xml version="1.0" encoding="UTF-16"?><Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"><RegistrationInfo><Description>${'y'.repeat(LIMITS.taskXmlChars)}</Description></RegistrationInfo><Actions><Exec><Command>a</Command></Exec></Actions></Task>`;
    writeFileSync(join(dir, 'store', 'AGI_Huge.xml'), encodeTaskFile(huge));
    writeFileSync(join(dir, 'two.json'), JSON.stringify({ tasks: [task('AGI_New')] }));

    const plan = await runCli(['plan', '--store', 'store', '--config', 'two.json'], { cwd: dir, now });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/\+ create \\AGI_New/);
    expect(plan.stdout).toMatch(/- delete \\AGI_Health_Check/);
    expect(plan.stdout).toMatch(/x \\AGI_Huge: it can't be read, so it is left alone: .*AGI_Huge\.xml is 1\.0 MB; taskctl reads and writes task files up to 1\.0 MB/);

    const apply = await runCli(['apply', '--store', 'store', '--config', 'two.json', '--yes', '--backup-dir', 'b'], { cwd: dir, now });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/Not applying: 1 live task\(s\) could not be read[\s\S]*AGI_Huge/);

    // list-conflicts still analyses the rest, and says which task it could not read (exit 1: something is wrong).
    const conflicts = await runCli(['list-conflicts', '--store', 'store', '--config', 'two.json', '--json'], { cwd: dir, now });
    expect(conflicts.code).toBe(1);
    expect(JSON.parse(conflicts.stdout).conflicts.length).toBeGreaterThan(0);
    expect(conflicts.stderr).toMatch(/\\AGI_Huge: it can't be read, so it is left out: .*AGI_Huge\.xml is 1\.0 MB/);
  });
});

describe('a broken task file is named, with the line and what is wrong', () => {
  it.each([
    ['truncated', '<?xml version="1.0" encoding="UTF-16"?>\n<Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n  <RegistrationInfo>\n    <Description>half', /the text ends while <Task>, <RegistrationInfo>, <Description> are still open/],
    ['garbage', 'this is not XML at all', /not well-formed XML/],
  ])('%s', async (_, text, why) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'store', 'AGI_Broken.xml'), encodeTaskFile(text));
    const plan = await runCli(['plan', '--store', 'store', '--config', minimal], { cwd: dir, now });
    expect(plan.code).toBe(1);
    const line = plan.stdout.split('\n').find((l) => l.includes('AGI_Broken'))!;
    expect(line).toContain(join(dir, 'store', 'AGI_Broken.xml'));
    expect(line).toMatch(why);
    expect(line).toMatch(/\(line \d+, column \d+\)/);
  });
});
