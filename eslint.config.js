// Lint, including the import boundaries of STYLE.md:
//   fxp/ <- models/ <- hls/ <- sim/ <- synth/;  models/ <- gpu/;  reports/ reads results only;  cli/ may use everything.
// A folder reaches another only through that folder's index.ts (or @ngt/fxp for fxp/).
// Inside hls/: a layer kind's folder (hls/layers/<kind>/) never imports another kind's (shared blocks
// live in hls/layers/shared/); the rest of hls/ reaches the kinds only through hls/layers/registry.ts,
// kind.ts and shared/; the datapath and token libraries (hls/datapath/, hls/tokens/) know no layer kind.
import { readdirSync, statSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layerKinds = readdirSync(new URL('./hls/layers', import.meta.url)).filter(
  (name) => name !== 'shared' && statSync(new URL(`./hls/layers/${name}`, import.meta.url)).isDirectory(),
);
const kindFolders = `(${layerKinds.join('|')})`;

const folders = ['fxp', 'models', 'hls', 'sim', 'synth', 'gpu', 'gen', 'reports', 'cli'];
const allowed = {
  fxp: [],
  models: ['fxp'],
  hls: ['fxp', 'models'],
  sim: ['fxp', 'models', 'hls'],
  synth: ['fxp', 'models', 'hls', 'sim'],
  gpu: ['fxp', 'models', 'gen'],
  gen: ['fxp'],
  reports: [],
  cli: ['fxp', 'models', 'hls', 'sim', 'synth', 'gpu', 'gen', 'reports'],
};

function folderPatterns(folder) {
  const forbidden = folders.filter((other) => other !== folder && !allowed[folder].includes(other));
  return [
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
}

function boundaryRule(folder) {
  return { files: [`${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns: folderPatterns(folder) }] } };
}

/** hls/'s inner boundaries (flat config replaces a rule's options per file, so each set repeats hls/'s own). */
const hlsInner = [
  {
    files: ['hls/layers/*/**/*.ts'],
    ignores: ['hls/layers/shared/**'],
    patterns: [{ regex: `^\\.\\./${kindFolders}/`, message: 'A layer kind does not import another kind: share the code through hls/layers/shared/.' }],
  },
  {
    files: ['hls/*/**/*.ts'],
    ignores: ['hls/layers/**'],
    patterns: [{ regex: `^\\.\\./layers/(?!registry\\.js$|kind\\.js$|shared/)`, message: 'Reach the layer kinds through hls/layers/registry.ts (or kind.ts, shared/).' }],
  },
  {
    files: ['hls/datapath/**/*.ts', 'hls/tokens/**/*.ts'],
    patterns: [{ regex: '^\\.\\./(layers|schedule|cost|simulate|convert|passes)/', message: 'The datapath and token libraries know no layer kind and no flow.' }],
  },
].map(({ files, ignores, patterns }) => ({ files, ...(ignores && { ignores }), rules: { 'no-restricted-imports': ['error', { patterns: [...folderPatterns('hls'), ...patterns] }] } }));

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'out/**', 'bench/build/**', '**/generated/**', '.scratch/**'] },
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
  ...hlsInner,
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
