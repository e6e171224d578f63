/**
 * Imported declarations as an idiomatic TypeScript config: one `defineTask` block per
 * task (sorted by path, notes above it as comments), then `export default defineConfig`.
 */
import { importHeader, sortedTasks, type ImportedConfig } from './imported-config.js';
import { stringLiteral, toTsLiteral } from './ts-literal.js';

export interface RenderTsOptions {
  /**
   * Where `defineConfig`/`defineTask` come from: `'taskctl'` for a user's file, or a
   * relative path such as `'../declaration/index.js'` for a config inside this repository.
   * @default 'taskctl'
   */
  importFrom?: string;
}

export function renderDeclarationsTs(config: ImportedConfig, options: RenderTsOptions = {}): string {
  const tasks = sortedTasks(config);
  const names = variableNames(tasks.map(({ task }) => task.name));
  const lines: string[] = [
    ...importHeader(config).map((line) => `// ${line}`),
    ...(config.notes ?? []).flatMap((note) => commentLines(`NOTE: ${note}`)),
    `import { defineConfig, defineTask } from ${stringLiteral(options.importFrom ?? 'taskctl')};`,
    '',
  ];
  tasks.forEach(({ task, notes }, i) => {
    for (const note of notes) lines.push(...commentLines(`NOTE: ${note}`));
    lines.push(`const ${names[i]} = defineTask(${toTsLiteral(task, '', true)});`, '');
  });
  lines.push('export default defineConfig({');
  lines.push(`  prefix: ${stringLiteral(config.prefix)},`);
  lines.push(names.length === 0 ? '  tasks: [],' : `  tasks: [\n${names.map((name) => `    ${name},\n`).join('')}  ],`);
  lines.push('});', '');
  return lines.join('\n');
}

/** A comment that can't be ended early by its text, one `//` line per text line. */
function commentLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => `// ${line}`);
}

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'await',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'defineConfig', 'defineTask', 'undefined', 'NaN',
  'Infinity', 'arguments', 'eval',
]);

/** `AGI_Health_Check` → `agiHealthCheck`; unique, and never a keyword or an imported name. */
export function variableNames(taskNames: string[]): string[] {
  const used = new Set<string>();
  return taskNames.map((taskName) => {
    const words = taskName.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
    let name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join('') || 'task';
    if (/^\d/.test(name)) name = `task${name}`;
    if (RESERVED.has(name)) name = `${name}Task`;
    let unique = name;
    for (let n = 2; used.has(unique); n += 1) unique = `${name}${n}`;
    used.add(unique);
    return unique;
  });
}
