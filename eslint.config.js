// ESLint flat config: typescript-eslint's recommended rules, a lint zone per folder for the layers
// of ARCHITECTURE.md (no-restricted-imports), types-only protocol/, and no import cycles.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const boundary = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

/** Folders (and packages) of the worker side: the page may not import them, not even types. */
const WORKER_SIDE = ['engine', 'experiment', 'worker', '@tensorflow/*'];
/** Page-thread folders and libraries. */
const VIEWS = ['scene', 'ui', 'widget', 'app', 'lessons'];
const PAGE = [
  'client',
  'state',
  ...VIEWS,
  'react',
  'react-dom',
  'three',
  'zustand',
  '@react-three/*',
];

/** One lint zone per folder: `src/<folder>/**` may not import the `forbid` folders/packages. */
function zones(list) {
  return list.map(({ folder, forbid, message }) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    ignores: [`src/${folder}/**/*.test.{ts,tsx}`],
    rules: boundary(
      [...new Set(forbid)].map((f) =>
        f.includes('/') ||
        f.startsWith('node:') ||
        !/^[a-z]+$/.test(f) ||
        ['react', 'react-dom', 'three', 'zustand'].includes(f)
          ? f
          : `**/${f}/**`,
      ),
      message,
    ),
  }));
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.cache/**',
      'test-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', performance: 'readonly' },
    },
    rules: {
      // TypeScript checks names; the core rule does not know browser/worker/Node globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded Rng from src/engine/math/random.ts.',
        },
      ],
    },
  },
  // Layer zones (ARCHITECTURE.md): each folder imports only from the layers to its left.
  ...zones([
    {
      folder: 'engine',
      forbid: [...PAGE, 'experiment', 'worker', 'config', 'protocol', 'cli', 'node:*'],
      message: 'The engine imports tfjs-core only: no DOM, UI, config or Node modules.',
    },
    {
      folder: 'config',
      forbid: [...PAGE, ...WORKER_SIDE, 'protocol', 'cli'],
      message: 'config holds the schema and defaults: it imports zod (and small libraries) only.',
    },
    {
      folder: 'experiment',
      forbid: [...PAGE, 'worker', 'protocol', 'cli'],
      message: 'experiment turns a config into engine objects: engine and config only.',
    },
    {
      folder: 'protocol',
      forbid: [...PAGE, ...WORKER_SIDE, 'cli'],
      message: 'protocol is types shared by the two threads: it may use config types only.',
    },
    {
      folder: 'worker',
      forbid: [...PAGE, 'cli'],
      message: 'The worker never sees the page: no client, store, views, widget or React.',
    },
    {
      folder: 'cli',
      forbid: [...PAGE, 'worker'],
      message: 'The CLI runs the experiment layer in Node: no page code, no worker.',
    },
    {
      folder: 'client',
      forbid: [...WORKER_SIDE, ...VIEWS],
      message: 'client talks to the worker through protocol/ only; views come above it.',
    },
    {
      folder: 'state',
      forbid: [...WORKER_SIDE, 'client', ...VIEWS],
      message: 'The store holds plain data: protocol and config only.',
    },
    {
      folder: 'scene',
      forbid: [...WORKER_SIDE, 'client', 'ui', 'widget', 'app', 'lessons'],
      message: 'Views draw plain arrays from the store: no tensors, no worker.',
    },
    {
      folder: 'ui',
      forbid: [...WORKER_SIDE, 'client', 'widget', 'app', 'lessons'],
      message: 'Views draw plain arrays from the store: no tensors, no worker.',
    },
    {
      folder: 'export',
      forbid: [...WORKER_SIDE, 'client', ...VIEWS, ...PAGE.filter((f) => f !== 'state')],
      message:
        'export encodes and reads result files from plain data: config, protocol and state types only.',
    },
    {
      folder: 'lessons',
      forbid: [...WORKER_SIDE, 'client', 'state', ...VIEWS],
      message: 'A lesson is data: config and protocol only.',
    },
    {
      folder: 'widget',
      forbid: [...WORKER_SIDE, 'app'],
      message: 'The widget is page code: it talks to the worker through client/.',
    },
    {
      folder: 'embed',
      forbid: [...WORKER_SIDE, 'app'],
      message: 'The embed page and its protocol are page code: the explorer through widget/ only.',
    },
    {
      folder: 'app',
      forbid: WORKER_SIDE,
      message: 'The page never loads tfjs: it talks to the worker through client/ and widget/.',
    },
  ]),
  {
    files: ['src/engine/math/**/*.ts'],
    ignores: ['src/engine/math/**/*.test.ts'],
    rules: boundary(['@tensorflow/*', '../*'], 'engine/math imports nothing.'),
  },
  {
    // protocol/ is types only: nothing it imports may reach the bundle.
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[importKind!='type']",
          message: 'protocol/ holds types only: use `import type`.',
        },
        {
          selector: 'ExportNamedDeclaration > VariableDeclaration',
          message: 'protocol/ holds types only: no values.',
        },
        {
          selector: 'ExportNamedDeclaration > FunctionDeclaration',
          message: 'protocol/ holds types only: no values.',
        },
      ],
    },
  },
  {
    // Import cycles make module order (and tree shaking) fragile.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
