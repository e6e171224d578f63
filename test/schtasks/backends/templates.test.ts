/**
 * Static checks of the PowerShell templates that a Linux CI can make: they must
 * run on Windows PowerShell 5.1 (no 7-only syntax), speak the sentinel protocol
 * the TypeScript side reads, and never print secrets or evaluate text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULT_END, RESULT_START } from '../../../src/schtasks/backends/powershell-output.js';
import { REPO_ROOT } from './corpus.js';

const TEMPLATES = join(REPO_ROOT, 'templates');
const read = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');
const SCRIPTS = ['read-tasks.ps1', 'apply-tasks.ps1', 'taskctl-common.ps1'];

/** The code without comments, so documentation may mention anything. */
function code(text: string): string {
  return text.replace(/<#[\s\S]*?#>/g, '').replace(/(^|\s)#.*$/gm, '$1');
}

const PS7_ONLY: [string, RegExp][] = [
  ['null-coalescing ??', /\?\?/],
  ['null-conditional ?. / ?[', /\?\.|\?\[/],
  ['pipeline chain && / ||', /&&|\|\|/],
  ['ternary a ? b : c', /\s\?\s[^:]+\s:\s/],
  ['ConvertFrom-Json -AsHashtable / -Depth', /ConvertFrom-Json[^\n]*-(AsHashtable|Depth)/i],
  ['ForEach-Object -Parallel', /-Parallel\b/i],
  ['-AsByteStream', /-AsByteStream/i],
  ['$PSStyle / Join-String / Get-Error', /\$PSStyle|Join-String|Get-Error\b/i],
  ['clean block', /^\s*clean\s*\{/im],
];

describe('the PowerShell 7-only patterns (self-test)', () => {
  const samples = ['$a ?? $b', '$a?.Name', 'git pull && npm test', '$x = $y ? 1 : 2', '$t | ConvertFrom-Json -AsHashtable', '1..3 | ForEach-Object -Parallel { $_ }', 'Get-Content x -AsByteStream', '$PSStyle.Reset', 'clean { }'];
  it.each(PS7_ONLY.map(([label, pattern], i) => [label, pattern, samples[i] ?? ''] as const))('%s catches its sample', (_, pattern, sample) => {
    expect(sample).toMatch(pattern);
  });
});

describe.each(SCRIPTS)('%s', (name) => {
  const text = read(name);
  const body = code(text);

  it.each(PS7_ONLY)('uses no PowerShell 7-only syntax: %s', (_, pattern) => {
    expect(body).not.toMatch(pattern);
  });

  it('never evaluates text as code', () => {
    expect(body).not.toMatch(/Invoke-Expression|\biex\b|\[scriptblock\]::Create|Add-Type/i);
  });

  it('is plain ASCII, so Windows PowerShell 5.1 reads it right without a BOM', () => {
    expect(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text)).toBe(true);
  });
});

describe('the template protocol', () => {
  it('the common script sets UTF-8 on the console, reads stdin raw as UTF-8, prints between the sentinels the TS side looks for', () => {
    const common = code(read('taskctl-common.ps1'));
    expect(common).toContain('[Console]::OutputEncoding');
    expect(common).toContain('[Console]::InputEncoding');
    expect(common).toContain('$OutputEncoding');
    expect(common).toContain('[Console]::OpenStandardInput()');
    expect(common).toContain(`@@TASKCTL-JSON@@`);
    expect(common).toContain(`@@TASKCTL-END@@`);
    expect(RESULT_START).toBe('@@TASKCTL-JSON@@');
    expect(RESULT_END).toBe('@@TASKCTL-END@@');
    expect(common).toMatch(/ConvertTo-Json -InputObject \$Document -Depth \d+/);
  });

  it.each(['read-tasks.ps1', 'apply-tasks.ps1'])('%s stops on errors and loads the common script from its own folder', (name) => {
    const body = code(read(name));
    expect(body).toMatch(/\$ErrorActionPreference = 'Stop'/);
    expect(body).toContain(". (Join-Path $PSScriptRoot 'taskctl-common.ps1')");
    expect(body).not.toMatch(/\$args\b|param\s*\(\s*\[Parameter/i); // input comes on stdin only
  });

  it('read-tasks compares the prefix as data (StartsWith), never as a wildcard', () => {
    const body = code(read('read-tasks.ps1'));
    expect(body).toContain('.StartsWith($Prefix, [StringComparison]::OrdinalIgnoreCase)');
    expect(body).not.toMatch(/-like|Get-ScheduledTask -TaskName/i);
    expect(body).toContain('GetTasks($TASK_ENUM_HIDDEN)');
  });

  it('apply-tasks validates everything first, then registers with CREATE_OR_UPDATE, and never prints a password', () => {
    const body = code(read('apply-tasks.ps1'));
    expect(body).toMatch(/\$TASK_VALIDATE_ONLY = 1\b/);
    expect(body).toMatch(/\$TASK_CREATE_OR_UPDATE = 6\b/);
    expect(body.indexOf('$TASK_VALIDATE_ONLY,')).toBeLessThan(body.indexOf('$TASK_CREATE_OR_UPDATE,'));
    for (const line of body.split('\n').filter((l) => l.includes('Write-Result') || l.includes('Write-'))) {
      expect(line).not.toMatch(/password|logon/i);
    }
  });
});
