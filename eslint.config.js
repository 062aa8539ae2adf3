// Lint: the recommended JavaScript and TypeScript rules over sources, tests and scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', '__dirname', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'performance', 'structuredClone', 'TextDecoder', 'TextEncoder', 'AbortController', 'fetch'].map((g) => [g, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'output/**', 'node_modules/**', 'scripts/bundle-shims/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The loader and the checker look for control characters on purpose.
      'no-control-regex': 'off',
      // A failure is turned into a message for the officer; the original error adds nothing there.
      'preserve-caught-error': 'off',
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Tests poke at internals and read pdftotext's spacing literally.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-regex-spaces': 'off',
    },
  },
);
