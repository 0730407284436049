import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Later blocks replace a rule's options, so each block that restricts imports repeats this one.
const NO_TEST = { regex: '^(\\.\\./)+test/', message: 'product code never imports from test/' };

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', 'test-results/', 'playwright-report/', 'blob-report/', '.flex-sso/', 'scenarios/actions/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'no .only in tests' }],
    },
  },
  {
    // The product (harness, fake-sp, fake-idp, flex) never depends on the project's own tests.
    files: ['harness/**/*.ts', 'fake-sp/**/*.ts', 'fake-idp/**/*.ts', 'bin/**/*.js', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST] }] },
  },
  {
    // The Flex domain module is leaf data and pure functions that fake-sp, fake-idp and harness share.
    files: ['flex/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'flex/ imports nothing: only its own modules (./…)' }] }] },
  },
  {
    files: ['fake-sp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/fake-idp/**', '**/harness/**'], message: 'fake-sp never imports fake-idp or harness' }, NO_TEST] },
      ],
    },
  },
  {
    files: ['fake-idp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/fake-sp/**', '**/harness/**'], message: 'fake-idp never imports fake-sp or harness' }, NO_TEST] },
      ],
    },
  },
);
