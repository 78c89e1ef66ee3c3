// ESLint flat config: typescript-eslint's recommended rules plus the layer boundaries of
// ARCHITECTURE.md (engine ← worker ← state ← scene/ui ← app), enforced with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundary = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

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
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: boundary(
      [
        '**/worker/**',
        '**/state/**',
        '**/scene/**',
        '**/ui/**',
        '**/app/**',
        '**/config/**',
        '**/experiment/**',
        'react',
        'react-dom',
        'three',
        'zustand',
        'node:*',
      ],
      'The engine imports tfjs-core only (ARCHITECTURE.md): no DOM, UI, config or Node modules.',
    ),
  },
  {
    files: ['src/engine/math/**/*.ts'],
    ignores: ['src/engine/math/**/*.test.ts'],
    rules: boundary(['@tensorflow/*', '../*'], 'engine/math imports nothing.'),
  },
  {
    files: ['src/config/**/*.ts'],
    ignores: ['src/config/**/*.test.ts'],
    rules: boundary(
      ['**/engine/**', '**/worker/**', '@tensorflow/*', 'react', 'three'],
      'config imports nothing heavy.',
    ),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: boundary(
      ['**/state/**', '**/scene/**', '**/ui/**', '**/app/**', 'react', 'react-dom', 'three'],
      'The worker never sees React or three.js.',
    ),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/scene/**/*.{ts,tsx}', 'src/state/**/*.{ts,tsx}'],
    rules: boundary(
      ['**/engine/**', '@tensorflow/*'],
      'Views and the store never touch tensors: talk to the worker.',
    ),
  },
);
