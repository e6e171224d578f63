/**
 * Every PowerShell file taskctl ships (templates/**, install.ps1) and the scripts its tests
 * run (test/e2e, test/windows-path) must run on Windows PowerShell 5.1: checked with
 * PowerShell's own parser by check-ps51.ps1 (syntax errors, and the syntax tree searched
 * for what only PowerShell 6/7 has). The checker is shown to fail on planted lines, alone
 * and inside a copy of a real template.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/core/process-runner.js';
import { readScriptDocument } from '../../src/schtasks/backends/powershell-output.js';
import { powerShellArgs } from '../../src/schtasks/backends/powershell-locate.js';
import { describeWithPwsh, REPO_ROOT } from './pwsh.js';

interface Problem {
  line: number;
  column: number;
  kind: 'syntax' | 'ps7';
  what: string;
}

/** Every .ps1 the check covers, as absolute paths. */
function powerShellFiles(): string[] {
  const under = (folder: string, recursive: boolean) =>
    readdirSync(join(REPO_ROOT, folder), { recursive })
      .map(String)
      .filter((f) => f.toLowerCase().endsWith('.ps1'))
      .map((f) => join(REPO_ROOT, folder, f));
  return [...under('templates', true), join(REPO_ROOT, 'install.ps1'), ...under(join('test', 'e2e'), false), ...under(join('test', 'windows-path'), false)].sort();
}

/** 7-only constructs, each with a line that uses it (abbreviated parameters included). */
const PLANTED: [string, string][] = [
  ['ternary', "$a = $true ? 'yes' : 'no'"],
  ['null-coalescing', "$b = $a ?? 'default'"],
  ['null-coalescing assignment', "$a ??= 'default'"],
  ['pipeline chain &&', 'Get-Date && Get-Date'],
  ['pipeline chain ||', 'Get-Date || Get-Date'],
  ['null-conditional member', '$c = ${a}?.Length'],
  ['null-conditional index', '$c = ${a}?[0]'],
  ['ForEach-Object -Parallel', '1..3 | ForEach-Object -Parallel { $_ }'],
  ['% -Parallel', '1..3 | % -Parallel { $_ }'],
  ['clean block', 'function f { process { 1 } clean { 2 } }'],
  ['ConvertFrom-Json -AsHashtable', "$h = '{}' | ConvertFrom-Json -AsHashtable"],
  ['ConvertFrom-Json -AsHash (abbreviated)', "$h = '{}' | ConvertFrom-Json -AsHash"],
  ['ConvertFrom-Json -Depth', "$h = ConvertFrom-Json -InputObject '{}' -Depth 5"],
  ['ConvertTo-Json -EnumsAsStrings', '$j = ConvertTo-Json -InputObject 1 -EnumsAsStrings'],
  ['Get-Content -AsByteStream', '$bytes = Get-Content -Path x -AsByteStream'],
  ['Set-Content -AsByteStream', 'Set-Content -Path x -Value 1 -AsByteStream'],
  ['Join-Path -AdditionalChildPath', "$p = Join-Path 'a' 'b' -AdditionalChildPath 'c'"],
  ['Join-Path with three paths', "$p = Join-Path 'a' 'b' 'c'"],
  ['-Encoding utf8NoBOM', "Set-Content -Path x -Value 1 -Encoding utf8NoBOM"],
  ['escape `u{}', '$s = "`u{263A}"'],
  ['$IsWindows', 'if ($IsWindows) { 1 }'],
  ['Test-Json', "Test-Json -Json '{}'"],
  ['-ProgressAction', 'Get-Date -ProgressAction SilentlyContinue'],
  ['.NET Core member', "$r = [System.IO.Path]::GetRelativePath('a', 'b')"],
];

/** Lines Windows PowerShell 5.1 runs, near the planted ones, that must not be flagged. */
const FINE = [
  "$h = ConvertFrom-Json -InputObject '{}'",
  '$j = ConvertTo-Json -InputObject @{ a = 1 } -Depth 8 -Compress',
  "$p = Join-Path -Path 'a' -ChildPath 'b'",
  "$t = Get-Content -LiteralPath x -Raw -Encoding UTF8",
  "$s = \"`t`$notAVariable $($a) ?\"",
  '$list = [System.Collections.Generic.List[string]]::new()',
  'class Sample { [string] Say() { return "hi" } }',
  "$x = if ($a) { 'b' } else { 'c' }",
  '1..3 | ForEach-Object { $_ } | Where-Object { $_ -gt 1 }',
  '$null = [System.IO.Path]::Combine("a", "b")',
].join('\n');

describe('what 5.1 needs of a file, and what no script of ours does', () => {
  const shipped = powerShellFiles().filter((f) => !relative(REPO_ROOT, f).startsWith('test'));
  const code = (file: string) => readFileSync(file, 'utf8').replace(/<#[\s\S]*?#>/g, '').replace(/(^|\s)#.*$/gm, '$1');

  // Windows PowerShell 5.1 reads a file without a BOM in the ANSI code page (949 on Korean
  // Windows): anything beyond ASCII would be read wrong.
  it.each(shipped.map((f) => [relative(REPO_ROOT, f), f]))('%s is plain ASCII', (_, file) => {
    const bad = [...readFileSync(file, 'utf8')].findIndex((c) => !/[\t\n\r\x20-\x7e]/.test(c));
    expect(bad, `first non-ASCII character at offset ${bad}`).toBe(-1);
  });

  it.each(shipped.map((f) => [relative(REPO_ROOT, f), f]))('%s never evaluates text as code', (_, file) => {
    expect(code(file)).not.toMatch(/Invoke-Expression|\biex\b|\[scriptblock\]::Create|Add-Type/i);
  });
});

describeWithPwsh('Windows PowerShell 5.1 compatibility, checked with PowerShell\'s parser', (pwsh) => {
  let work = '';
  let results = new Map<string, Problem[]>();
  const planted = (label: string) => join(work, `planted-${PLANTED.findIndex(([l]) => l === label)}.ps1`);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'taskctl-ps51-'));
    PLANTED.forEach(([, line], i) => writeFileSync(join(work, `planted-${i}.ps1`), `Set-StrictMode -Version 2.0\n${line}\n`));
    writeFileSync(join(work, 'fine.ps1'), FINE);
    writeFileSync(join(work, 'syntax-error.ps1'), '$x = 1\nif ($x -eq 1 {\n  Write-Output "no closing parenthesis"\n}\n');
    // A real template with one planted 7-only line, and one with a planted syntax error.
    const template = readFileSync(join(REPO_ROOT, 'templates', 'read-tasks.ps1'), 'utf8');
    writeFileSync(join(work, 'template-ps7.ps1'), template.replace("$TASK_ENUM_HIDDEN = 1", "$TASK_ENUM_HIDDEN = $env:HIDDEN ?? 1"));
    writeFileSync(join(work, 'template-syntax.ps1'), template.replace('function Read-TaskFolder {', 'function Read-TaskFolder {{'));
    const files = [...powerShellFiles(), ...readdirSync(work).map((f) => join(work, f))];
    const result = await createProcessRunner().run({
      command: pwsh,
      args: powerShellArgs(join(REPO_ROOT, 'test', 'windows-path', 'check-ps51.ps1')),
      input: JSON.stringify({ files }),
      timeoutMs: 120_000,
    });
    const document = readScriptDocument('check-ps51.ps1', result, { resultsKey: 'files' });
    const checked = document.files as { file: string; problems: Problem[] | Problem | null }[];
    results = new Map(checked.map((entry) => [entry.file, entry.problems === null ? [] : Array.isArray(entry.problems) ? entry.problems : [entry.problems]]));
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('checks every shipped script and the scripts the tests run', () => {
    const names = powerShellFiles().map((f) => relative(REPO_ROOT, f).replace(/\\/g, '/'));
    expect(names).toEqual(expect.arrayContaining([
      'install.ps1', 'templates/apply-tasks.ps1', 'templates/read-tasks.ps1', 'templates/taskctl-common.ps1',
      'templates/simulator/scheduler.ps1', 'templates/simulator/task-xml.ps1', 'test/e2e/remove-e2e-tasks.ps1',
    ]));
    for (const file of powerShellFiles()) expect(results.has(file), file).toBe(true);
  });

  it.each(powerShellFiles().map((f) => [relative(REPO_ROOT, f), f]))('%s parses and uses nothing 7-only', (_, file) => {
    expect((results.get(file) ?? []).map((p) => `${p.line}:${p.column} ${p.kind}: ${p.what}`)).toEqual([]);
  });

  it.each(PLANTED)('a planted line is caught: %s', (label) => {
    const problems = results.get(planted(label)) ?? [];
    expect(problems.map((p) => ({ line: p.line, kind: p.kind }))).toEqual([{ line: 2, kind: 'ps7' }]);
  });

  it('lines 5.1 runs are not flagged', () => {
    expect(results.get(join(work, 'fine.ps1'))).toEqual([]);
  });

  it('a syntax error is caught with its position', () => {
    const problems = results.get(join(work, 'syntax-error.ps1')) ?? [];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ kind: 'syntax', line: 2 });
  });

  it('a real template with a planted 7-only line, or a planted syntax error, fails', () => {
    const ps7 = results.get(join(work, 'template-ps7.ps1')) ?? [];
    expect(ps7).toEqual([expect.objectContaining({ kind: 'ps7', what: 'the null-coalescing operator ??' })]);
    const syntax = results.get(join(work, 'template-syntax.ps1')) ?? [];
    expect(syntax.some((p) => p.kind === 'syntax')).toBe(true);
  });
});
