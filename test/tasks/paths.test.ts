import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { splitWindowsArguments } from '../../src/schtasks/command-line.js';
import { powershellScript, pythonScript, resolveAgiPaths, scriptPath } from '../../src/tasks/pipeline.js';

describe('resolveAgiPaths', () => {
  it('defaults to C:\\AGI and its venv', () => {
    expect(resolveAgiPaths({})).toEqual({
      root: 'C:\\AGI',
      scripts: 'C:\\AGI\\scripts',
      python: 'C:\\AGI\\.venv\\Scripts\\python.exe',
      powershell: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    });
  });

  it('follows AGI_ROOT, dropping a trailing backslash, and treats an empty value as unset', () => {
    expect(resolveAgiPaths({ AGI_ROOT: 'D:\\AI Stack\\' }).scripts).toBe('D:\\AI Stack\\scripts');
    expect(resolveAgiPaths({ AGI_ROOT: '  ' }).root).toBe('C:\\AGI');
    expect(resolveAgiPaths({ AGI_ROOT: 'E:/agi' }).root).toBe('E:\\agi');
  });

  it('takes the interpreter from AGI_PYTHON', () => {
    expect(resolveAgiPaths({ AGI_PYTHON: 'C:\\Python313\\python.exe' }).python).toBe('C:\\Python313\\python.exe');
  });

  it('refuses a relative AGI_ROOT, naming the variable and the value', () => {
    expect(() => resolveAgiPaths({ AGI_ROOT: 'agi' })).toThrow(ValidationError);
    expect(() => resolveAgiPaths({ AGI_ROOT: 'agi' })).toThrow(/AGI_ROOT.*"agi" is not an absolute Windows path/s);
    expect(() => resolveAgiPaths({ AGI_PYTHON: 'python.exe' })).toThrow(/AGI_PYTHON/);
  });

  it('joins script paths with backslashes', () => {
    expect(scriptPath(resolveAgiPaths({}), 'check_health.py')).toBe('C:\\AGI\\scripts\\check_health.py');
  });
});

describe('script actions', () => {
  const spaced = resolveAgiPaths({ AGI_ROOT: 'D:\\AI Stack' });

  it('quote a script path with spaces so it reaches the script as one argument', () => {
    const action = powershellScript('auto_restart_local_llm.ps1', [], spaced);
    expect(action).toMatchObject({ command: spaced.powershell, workingDirectory: 'D:\\AI Stack' });
    expect('arguments' in action && action.arguments).toBe(
      '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "D:\\AI Stack\\scripts\\auto_restart_local_llm.ps1"',
    );
  });

  it('round-trip through CommandLineToArgvW splitting, extra arguments included', () => {
    const action = pythonScript('collect_events.py', ['--since', 'last hour', 'C:\\out dir\\'], spaced);
    const args = 'arguments' in action ? action.arguments : undefined;
    expect(typeof args).toBe('string');
    expect(splitWindowsArguments(args as string)).toEqual(['D:\\AI Stack\\scripts\\collect_events.py', '--since', 'last hour', 'C:\\out dir\\']);
  });

  it('leave paths without spaces unquoted, as people write them', () => {
    const action = pythonScript('check_health.py', [], resolveAgiPaths({}));
    expect('arguments' in action && action.arguments).toBe('C:\\AGI\\scripts\\check_health.py');
  });
});
