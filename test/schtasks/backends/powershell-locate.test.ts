import { describe, expect, it } from 'vitest';
import { locatePowerShell, powerShellArgs } from '../../../src/schtasks/backends/powershell-locate.js';

describe('locatePowerShell', () => {
  it('prefers Windows PowerShell by its full path under SystemRoot', () => {
    expect(locatePowerShell({ env: { SystemRoot: 'C:\\Windows' }, platform: 'win32' })).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('falls back to powershell.exe on PATH without SystemRoot', () => {
    expect(locatePowerShell({ env: {}, platform: 'win32' })).toBe('powershell.exe');
  });

  it('TASKCTL_POWERSHELL, then an explicit request, win', () => {
    expect(locatePowerShell({ env: { SystemRoot: 'C:\\Windows', TASKCTL_POWERSHELL: 'PWSH.exe' }, platform: 'win32' })).toBe('pwsh');
    expect(locatePowerShell({ env: { TASKCTL_POWERSHELL: 'C:\\PS7\\pwsh.exe' }, platform: 'win32' })).toBe('C:\\PS7\\pwsh.exe');
    expect(locatePowerShell({ requested: 'powershell', env: { TASKCTL_POWERSHELL: 'pwsh' }, platform: 'win32' })).toBe('powershell.exe');
  });

  it('is pwsh off Windows', () => {
    expect(locatePowerShell({ env: {}, platform: 'linux' })).toBe('pwsh');
  });

  it('always runs a script file with no profile, no prompts and no policy surprise', () => {
    expect(powerShellArgs('C:\\pkg\\templates\\read-tasks.ps1')).toEqual([
      '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\pkg\\templates\\read-tasks.ps1',
    ]);
  });
});
