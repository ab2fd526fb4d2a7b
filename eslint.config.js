// One lint gate, zero warnings (npm run lint uses --max-warnings=0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const CORE_FENCE = [
  { group: ['react', 'react-dom', 'react/*', '@tanstack/*', 'recharts'], message: 'src/core runs in the worker and Node: no React.' },
  { group: ['**/features/**', '**/components/**', '**/worker/**', '**/lib/**', '**/app'], message: 'src/core must not depend on the UI or the worker.' },
];
/** The page bundle carries no parser: the page and the share codec know formats by id and label only. */
const NO_PARSERS_IN_PAGE = {
  // Relative paths: from src/core/share the registry is '../formats/registry', from features '../../core/…'.
  group: ['**/formats/registry', '**/formats/asterisk/**', '**/formats/vicidial/**', '**/formats/freeswitch/**', '**/formats/kamailio/**', '**/formats/generic/**', '**/core/ingest/**', '../ingest/**'],
  message: 'Parsers run in the worker: import types from formats/format-module and labels from formats/format-labels.',
  allowTypeImports: true,
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results', '.device-kit', '.tmp', 'scripts/*.d.mts', 'src/core/read/plain-scan/assembly'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off', // typed-array reads under noUncheckedIndexedAccess
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSAnyKeyword', message: 'No any: use unknown and narrow.' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/features/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The fence, second half: src/core must not import the UI, the worker, React or the DOM-only libs.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: CORE_FENCE }],
    },
  },
  {
    // The share codec is part of the page bundle (a receiver opens a link without a file).
    files: ['src/core/share/**/*.ts'],
    ignores: ['src/core/share/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...CORE_FENCE, NO_PARSERS_IN_PAGE] }] },
  },
  {
    files: ['src/features/**/*.{ts,tsx}', 'src/*.{ts,tsx}', 'src/worker/ingest-client.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/worker/ingest.worker'], message: 'Talk to the worker through ingest-client.' }, NO_PARSERS_IN_PAGE] },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
