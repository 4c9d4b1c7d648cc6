// @ts-check
/**
 * Lint (issue #12): typescript-eslint's type-checked rules, React's hook rules, jsx-a11y, and the layer
 * rule (scripts/lint/layers.js) that holds the code map of docs/design.md: core is pure, db is below
 * main, the renderer sees only core, and nothing but hq/ reaches into hq/.
 */
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import qeyd from './scripts/lint/layers.js';

const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', '.data/', 'tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { qeyd },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // JSX handlers may return a promise (react-hook-form's handleSubmit does): React ignores it, and
      // the handler reports its own errors. Everywhere else a promise where void is expected is an error.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // react-hook-form's `register`/`handleSubmit` and the API client's methods are bound arrow
      // functions: destructuring them is the documented use, and every hit was a false alarm.
      '@typescript-eslint/unbound-method': 'off',
      // An async function without await still states that it returns a promise (the Backend and
      // transport interfaces are async by contract); flagging it adds noise, not safety.
      '@typescript-eslint/require-await': 'off',
      // Projections and error envelopes turn validated `unknown` payload values into text on purpose.
      '@typescript-eslint/no-base-to-string': 'off',
      // `declare global { namespace FormatjsIntl }` is how react-intl types its message ids.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // `_`-prefixed names are the project's "deliberately unused" (a destructured field left out, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'qeyd/layers': [
        'error',
        {
          root,
          layers: {
            core: { forbid: ['db', 'main', 'renderer', 'hq', 'scripts', 'tests', 'node'] },
            db: { forbid: ['main', 'renderer', 'hq', 'scripts', 'tests'] },
            renderer: { only: ['core', 'renderer'] },
            main: { forbid: ['renderer', 'hq', 'scripts', 'tests'] },
            hq: { forbid: ['renderer', 'scripts', 'tests'] },
          },
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // A form opened by the user's own action puts focus in its first field (WCAG 3.2.1 is about
      // focus moving unasked); the sign-in screen does the same.
      'jsx-a11y/no-autofocus': 'off',
      // Keyboard handlers on a container (Escape closes the form, arrow keys move through the
      // register's rows) serve the focused control inside it; a click handler there would not.
      'jsx-a11y/no-noninteractive-element-interactions': ['error', { handlers: ['onClick', 'onMouseDown', 'onMouseUp'] }],
    },
  },
  {
    // Tests read JSON replies and stored rows as they come, and assert on them; typing each is noise.
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Services read JSON columns (`JSON.parse` gives `any`) into view objects that the router's
    // output schema checks before they leave; issue #12's typed store replaces these reads.
    files: ['main/services/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Plain JavaScript (this file, the layer rule) and types/ (tsconfig.core.json's globals) are outside
    // tsconfig.json: no type information there.
    files: ['**/*.js', 'types/**/*.d.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
