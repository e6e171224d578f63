// Lint: TypeScript's recommended rules, and the architecture's one-way layers (architecture.md):
// core ← schtasks ← declaration ← plan | conflicts | import | doctor ← output ← cli ← bin.
// A lower layer never imports a higher one, siblings of one layer never import each other,
// and there are no import cycles anywhere.
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const LAYERS = [
  ['core'],
  ['schtasks'],
  ['declaration'],
  ['plan', 'conflicts', 'import', 'doctor'],
  ['output'],
  ['cli'],
];
// src/bin.ts and src/index.ts sit above every layer and may import any of them.
const below = (type) => {
  const level = LAYERS.findIndex((layer) => layer.includes(type));
  return LAYERS.slice(0, level).flat();
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '**/.taskctl-*/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': [
        ...LAYERS.flat().map((type) => ({ type, pattern: `src/${type}` })),
        { type: 'tasks', pattern: 'src/tasks'},
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...LAYERS.flat().map((type) => ({
              from: { element: { type } },
              allow: { to: { element: { types: { anyOf: [type, ...below(type)] } } } },
            })),
            // The declared fleet is written in the declaration language, nothing else.
            { from: { element: { type: 'tasks' } }, allow: { to: { element: { types: { anyOf: ['tasks', 'declaration', 'core'] } } } } },
            // The CLI's default config is the fleet.
            { from: { element: { type: 'cli' } }, allow: { to: { element: { type: 'tasks' } } } },
          ],
        },
      ],
    },
  },
);
