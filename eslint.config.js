// Lint, including the import boundaries of STYLE.md:
//   fxp/ <- models/ <- hls/ <- sim/;  models/ <- gpu/;  reports/ reads results only;  cli/ may use everything.
// A folder reaches another only through that folder's index.ts (or @ngt/fxp for fxp/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const folders = ['fxp', 'models', 'hls', 'sim', 'gpu', 'gen', 'reports', 'cli'];
const allowed = {
  fxp: [],
  models: ['fxp'],
  hls: ['fxp', 'models'],
  sim: ['fxp', 'models', 'hls'],
  gpu: ['fxp', 'models', 'gen'],
  gen: ['fxp'],
  reports: [],
  cli: ['fxp', 'models', 'hls', 'sim', 'gpu', 'gen', 'reports'],
};

function boundaryRule(folder) {
  const forbidden = folders.filter((other) => other !== folder && !allowed[folder].includes(other));
  const patterns = [
    ...forbidden.map((other) => ({
      regex: `^(\\.\\./)+${other}(/|$)`,
      message: `${folder}/ may not import ${other}/ (STYLE.md boundaries).`,
    })),
    ...allowed[folder]
      .filter((other) => other !== 'fxp')
      .map((other) => ({
        regex: `^(\\.\\./)+${other}/(?!index\\.js$).+`,
        message: `Import ${other}/ through its index.js only.`,
      })),
    {
      regex: '^(\\.\\./)+fxp(/|$)',
      message: 'Import fixed-point code as @ngt/fxp.',
    },
  ];
  return {
    files: [`${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'out/**', 'bench/build/**', '**/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...folders.filter((folder) => folder !== 'fxp').map(boundaryRule),
  {
    files: ['fxp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(models|hls|sim|gpu|gen|reports|cli)(/|$)', message: 'fxp/ imports nothing of ours.' }, { regex: '^@ngt/', message: 'fxp/ imports nothing of ours.' }] },
      ],
    },
  },
);
