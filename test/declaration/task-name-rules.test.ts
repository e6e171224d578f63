import { describe, expect, it } from 'vitest';
import { FORBIDDEN_NAME_CHARACTERS, taskFolderProblems, taskNameProblems } from '../../src/schtasks/task-path.js';
import { compileConfig } from '../../src/declaration/compile-config.js';
import { minimalTask, problemsOf } from './helpers.js';

describe('task name rules', () => {
  it.each(FORBIDDEN_NAME_CHARACTERS.map((c) => [c]))('refuses %s in a task name, naming the character', (c) => {
    const problems = taskNameProblems(`AGI_a${c}b`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`contains "${c}"`);
  });

  it.each([
    [' AGI_X', 'starts with whitespace'],
    ['AGI_X ', 'ends with whitespace'],
    ['AGI_X.', 'ends with a dot'],
    ['.', 'folder references'],
    ['..', 'folder references'],
    ['', 'must not be empty'],
    ['AGI_\u0001', 'control character'],
  ])('refuses %j (%s)', (name, reason) => {
    expect(taskNameProblems(name).join('\n')).toContain(reason);
  });

  it('accepts spaces, dots and unicode inside a name', () => {
    expect(taskNameProblems('AGI Health.Check – Ünïcödé')).toEqual([]);
  });

  it('checks every folder segment with the same rules', () => {
    expect(taskFolderProblems('\\Ops\\bad|seg\\ x\\')).toEqual([
      expect.stringContaining('contains "|"'),
      expect.stringContaining('starts with whitespace'),
    ]);
    expect(taskFolderProblems('\\')).toEqual([]);
  });
});

describe('names inside a config', () => {
  it('reports forbidden characters with the path of the name', () => {
    expect(problemsOf({ tasks: [minimalTask({ name: 'AGI_a?b' })] })).toEqual([
      { path: 'tasks[0].name', message: expect.stringContaining('contains "?"') },
    ]);
  });

  it('compares the prefix case-insensitively, as Windows compares names', () => {
    const compiled = compileConfig({ prefix: 'AGI', tasks: [minimalTask({ name: 'agi_lower' }), minimalTask({ name: 'Agi_Mixed' })] });
    expect(compiled.tasks.map((t) => t.name)).toEqual(['agi_lower', 'Agi_Mixed']);
  });

  it('refuses a name outside the prefix', () => {
    expect(problemsOf({ tasks: [minimalTask({ name: 'Backup' })] })).toEqual([
      { path: 'tasks[0].name', message: expect.stringContaining('does not start with the prefix "AGI"') },
    ]);
  });

  it('refuses the same path twice, case-insensitively, and names the first', () => {
    const issues = problemsOf({ tasks: [minimalTask({ name: 'AGI_X' }), minimalTask({ name: 'agi_x', folder: '\\' })] });
    expect(issues).toEqual([{ path: 'tasks[1].name', message: expect.stringContaining('already declared by tasks[0]') }]);
  });

  it('allows one name in two folders', () => {
    expect(compileConfig({ tasks: [minimalTask({ name: 'AGI_X' }), minimalTask({ name: 'AGI_X', folder: 'Ops' })] }).tasks).toHaveLength(2);
  });

  it('refuses a full path over 200 UTF-16 units, saying it is a safe bound', () => {
    const issues = problemsOf({ tasks: [minimalTask({ name: `AGI_${'x'.repeat(190)}`, folder: '\\Deep\\Folder\\' })] });
    expect(issues).toEqual([{ path: 'tasks[0].name', message: expect.stringMatching(/is 207 UTF-16 code units long.*within 200 \(a safe bound/) }]);
  });

  it('accepts a full path of exactly 200 units', () => {
    const name = `AGI_${'x'.repeat(200 - 1 - 4)}`;
    expect(compileConfig({ tasks: [minimalTask({ name })] }).tasks[0]?.path).toHaveLength(200);
  });
});
