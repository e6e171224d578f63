import { describe, expect, it } from 'vitest';
import { commandKey, programName } from '../../../src/schtasks/command-line.js';
import { subject } from '../helpers/subjects.js';
import { conflictsOf } from '../helpers/find.js';

const run = (path: string, command: string, args?: string, workingDirectory?: string, extra = {}) =>
  subject(path, {
    ...extra,
    actions: [{ kind: 'Exec', command, ...(args !== undefined ? { arguments: args } : {}), ...(workingDirectory ? { workingDirectory } : {}) }],
  });

describe('programName', () => {
  it('drops quotes, directory, case and a trailing .exe only', () => {
    expect(programName('"C:\\Program Files\\Python313\\python.exe"')).toBe('python');
    expect(programName('Python')).toBe('python');
    expect(programName('C:\\AGI\\run.cmd')).toBe('run.cmd');
  });
});

describe('commandKey', () => {
  it('compares arguments case-insensitively with whitespace collapsed', () => {
    expect(commandKey({ kind: 'Exec', command: 'python', arguments: '  C:\\AGI\\Check.py   --fast ' }))
      .toBe(commandKey({ kind: 'Exec', command: 'C:\\Python313\\python.exe', arguments: 'c:\\agi\\check.py --fast' }));
  });
  it('includes the working directory only when the arguments are relative', () => {
    const a = { kind: 'Exec' as const, command: 'python', arguments: 'check.py' };
    expect(commandKey({ ...a, workingDirectory: 'C:\\A' })).not.toBe(commandKey({ ...a, workingDirectory: 'C:\\B' }));
    const abs = { kind: 'Exec' as const, command: 'python', arguments: 'C:\\AGI\\check.py' };
    expect(commandKey({ ...abs, workingDirectory: 'C:\\A' })).toBe(commandKey({ ...abs, workingDirectory: 'C:\\B' }));
  });
});

describe('duplicate rule', () => {
  it('reports tasks that run the same command, as one conflict per command', () => {
    const subjects = [
      run('\\AGI_Health_Check', 'python.exe', 'C:\\AGI\\check_health.py'),
      run('\\AGI_Health_Check_Old', 'C:\\Python313\\python.exe', 'C:\\AGI\\check_health.py'),
      run('\\AGI_Health_Check_2', 'python', 'c:\\agi\\check_health.py '),
      run('\\AGI_Other', 'python.exe', 'C:\\AGI\\other.py'),
    ];
    const conflicts = conflictsOf(subjects, 'duplicate');
    expect(conflicts).toMatchObject([
      { severity: 'error', tasks: ['\\AGI_Health_Check', '\\AGI_Health_Check_2', '\\AGI_Health_Check_Old'] },
    ]);
    expect(conflicts[0]?.message).toContain('python.exe C:\\AGI\\check_health.py');
  });
  it('tells different arguments and disabled tasks apart', () => {
    expect(conflictsOf([run('\\AGI_A', 'python.exe', 'a.py --x'), run('\\AGI_B', 'python.exe', 'a.py --y')], 'duplicate')).toEqual([]);
    expect(conflictsOf([
      run('\\AGI_A', 'python.exe', 'C:\\a.py'),
      run('\\AGI_B', 'python.exe', 'C:\\a.py', undefined, { settings: { enabled: false } }),
    ], 'duplicate')).toEqual([]);
  });
  it('does not compare declared with live', () => {
    expect(conflictsOf([
      run('\\AGI_A', 'python.exe', 'C:\\a.py'),
      run('\\AGI_A', 'python.exe', 'C:\\a.py', undefined, { source: 'live' }),
    ], 'duplicate')).toEqual([]);
  });
});
