/**
 * Every PowerShell file taskctl ships (templates/*.ps1, install.ps1) must parse:
 * a syntax error there only shows on a Windows machine, at the worst moment.
 * Parsed with web-tree-sitter and the tree-sitter-powershell grammar; any ERROR
 * or MISSING node fails, reported as file:line:column.
 */
import v8 from 'node:v8';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node as SyntaxNode, Parser as TreeSitterParser } from 'web-tree-sitter';

// The grammar's WebAssembly is large; V8's optimizing tier keeps compiling it in the
// background and makes the process linger for seconds at exit. Baseline only.
v8.setFlagsFromString('--liftoff-only');

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const GRAMMAR = join(REPO_ROOT, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm');

/** Every .ps1 under `templates/` and `test/e2e/` (the end-to-end cleanup), plus install.ps1. */
function powerShellFiles(): string[] {
  const files = ['templates', join('test', 'e2e')].flatMap((folder) => {
    const dir = join(REPO_ROOT, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.toLowerCase().endsWith('.ps1')).map((f) => join(dir, f));
  });
  const install = join(REPO_ROOT, 'install.ps1');
  if (existsSync(install)) files.push(install);
  return files.sort();
}

/** `line:column what` for every ERROR and MISSING node, outermost first. */
function syntaxProblems(root: SyntaxNode): string[] {
  const problems: string[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.isError || node.isMissing) {
      const at = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      problems.push(node.isMissing ? `${at} missing ${node.type}` : `${at} unexpected ${JSON.stringify(node.text.slice(0, 60))}`);
      return;
    }
    if (node.hasError) for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return problems;
}

let parser: TreeSitterParser;

beforeAll(async () => {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  // Fails here if web-tree-sitter can't load this grammar's ABI.
  const language = await Language.load(GRAMMAR);
  parser = new Parser();
  parser.setLanguage(language);
});

function check(source: string): string[] {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return syntaxProblems(tree.rootNode);
}

describe('PowerShell syntax', () => {
  it('the checker can fail: broken snippets report their position', () => {
    expect(check('$ok = @{ a = 1 }\nif ($ok) { Write-Output "fine" }\n')).toEqual([]);
    const problems = check('$x = 1\nif ($x -eq 1 {\n  Write-Output "no closing paren"\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^\d+:\d+ /);
    expect(check('function f {\n  $a = (1 + \n}\n')).not.toEqual([]);
  });

  it('finds the shipped scripts', () => {
    expect(powerShellFiles().map((f) => relative(REPO_ROOT, f).replace(/\\/g, '/'))).toEqual(
      expect.arrayContaining(['install.ps1', 'templates/apply-tasks.ps1', 'templates/read-tasks.ps1', 'test/e2e/remove-e2e-tasks.ps1']),
    );
  });

  it.each(powerShellFiles().map((f) => [relative(REPO_ROOT, f), f]))('%s parses without errors', (_, file) => {
    const problems = check(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    expect(problems.map((p) => `${file}:${p}`)).toEqual([]);
  });
});
