/**
 * What taskctl's PowerShell templates print, for canned fake-runner results:
 * the result document between its sentinel lines, optionally surrounded by the
 * noise a real session adds (profile banners, module warnings).
 */
import type { ProcessResult } from '../../src/core/process-runner.js';
import { RESULT_END, RESULT_START } from '../../src/schtasks/backends/powershell-output.js';

export interface ScriptOutputOptions {
  exitCode?: number;
  /** Printed before the document (a banner). */
  before?: string;
  /** Printed after the document (a late warning). */
  after?: string;
  stderr?: string;
}

/** A process result whose stdout carries `document` the way the templates print it. */
export function scriptOutput(document: unknown, options: ScriptOutputOptions = {}): ProcessResult {
  const json = typeof document === 'string' ? document : JSON.stringify(document);
  return {
    exitCode: options.exitCode ?? 0,
    stdout: `${options.before ?? ''}\n${RESULT_START}\n${json}\n${RESULT_END}\n${options.after ?? ''}`,
    stderr: options.stderr ?? '',
  };
}

/** Task XML as Windows exports it (declaring UTF-16), small and valid. */
export function sampleTaskXml(options: { description?: string; command?: string; enabled?: boolean; principal?: string } = {}): string {
  const principal =
    options.principal ?? '<Principal id="Author"><UserId>S-1-5-18</UserId><LogonType>ServiceAccount</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal>';
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    `  <RegistrationInfo><Description>${options.description ?? 'sample'}</Description></RegistrationInfo>`,
    '  <Triggers><TimeTrigger><StartBoundary>2025-01-01T00:12:00</StartBoundary><Repetition><Interval>PT15M</Interval></Repetition></TimeTrigger></Triggers>',
    `  <Principals>${principal}</Principals>`,
    `  <Settings><ExecutionTimeLimit>PT2M</ExecutionTimeLimit><Enabled>${options.enabled === false ? 'false' : 'true'}</Enabled></Settings>`,
    `  <Actions Context="Author"><Exec><Command>${options.command ?? 'python.exe'}</Command><Arguments>C:\\AGI\\check.py</Arguments></Exec></Actions>`,
    '</Task>',
    '',
  ].join('\r\n');
}
