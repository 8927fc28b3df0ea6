// ESLint (flat config): recommended rules, a few type-aware rules that catch real bugs, and the import
// directions between the top-level folders (README "Layout"). Formatting is Prettier's job, not ESLint's.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const PRODUCT = ['platform', 'ledger', 'bridge', 'workers', 'modeling', 'apps', 'stack', 'cli', 'migrations', 'processes', 'lint-rules', 'scripts', 'test'];
const except = (...allowed) => PRODUCT.filter((folder) => !allowed.includes(folder));

/** `target` may import none of `from`; `why` is the direction it breaks, shown with the error. */
const forbid = (target, from, why) => ({ target, from, message: `${why} (see README "Layout").` });

/**
 * The folder-level import graph, one arrow at a time. Anything not forbidden here is allowed; cli/ (the
 * composition root) may import everything but scripts/ and test/.
 */
export const importZones = [
  forbid('platform', except('platform'), 'platform/ imports nothing of the product'),
  forbid('ledger', except('ledger', 'platform', 'migrations'), 'ledger/ imports only platform/ and migrations/'),
  forbid('bridge', except('bridge', 'ledger', 'platform'), 'bridge/ imports only ledger/ and platform/, never workers/'),
  forbid('workers', except('workers', 'ledger', 'platform'), 'workers/ imports only ledger/ and platform/, never bridge/'),
  forbid('modeling', except('modeling', 'platform', 'ledger', 'lint-rules'), 'modeling/ imports only platform/, ledger/ and lint-rules/'),
  forbid('migrations', except('migrations', 'platform'), 'migrations/ import only platform/'),
  forbid('lint-rules', except('lint-rules'), 'lint-rules/ (the bpmnlint plugin) stands alone'),
  forbid(except('apps', 'cli', 'test', 'scripts'), 'apps', 'generic code never imports an application; only cli/, test/ and scripts/ do'),
  forbid(except('stack', 'cli', 'test', 'scripts'), 'stack', 'the local dev stack is reached only from cli/, test/ and scripts/'),
  forbid(except('cli', 'test', 'scripts'), 'cli', 'cli/ is the composition root; nothing below it imports it'),
  forbid(except('scripts', 'test'), 'scripts', 'nothing imports scripts/ (only their tests)'),
  forbid(except('test'), 'test', 'nothing imports test/'),
];

export default defineConfig(
  { ignores: ['node_modules/', '.seam/', 'dist/', 'coverage/', 'stack/*/target/', 'platform/engine/generated/', 'test/browser/output/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    rules: {
      // A promise nobody awaits loses its failure: a command or a ledger write that silently did not happen.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, properties: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: importZones }],
      // The raw transport bypasses the named EngineClient methods; only the client itself and tests use it.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/engine/raw-client.ts'], message: 'call the engine through a named EngineClient method (platform/engine/client.ts).' }] },
      ],
    },
  },
  {
    files: ['platform/engine/client.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests walk untyped moddle trees and the JavaScript plugin's results; `any` is the honest type there.
    files: ['test/**/*.ts', 'lint-rules/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The bpmnlint plugin is CommonJS JavaScript.
    files: ['lint-rules/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['cli/seam.js', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
