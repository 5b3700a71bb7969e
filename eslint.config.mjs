// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Role checks belong to libs/access alone (DESIGN §5: authorization exists once). */
const noRoleChecks = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.property.name='includes'][callee.object.property.name='roles']",
      message: 'Do not test roles here: ask libs/access (authorize / policy) instead.',
    },
    {
      selector: "CallExpression[callee.property.name='includes'][callee.object.name='roles']",
      message: 'Do not test roles here: ask libs/access (authorize / policy) instead.',
    },
    {
      selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='role']",
      message: 'Do not test roles here: ask libs/access (authorize / policy) instead.',
    },
    {
      selector: "BinaryExpression[operator=/^[!=]==?$/] > Identifier[name='role']",
      message: 'Do not test roles here: ask libs/access (authorize / policy) instead.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'apps/web/dist/**', 'apps/web/public/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'error',
      ...noRoleChecks,
    },
  },
  { files: ['libs/access/**/*.ts', 'test/**/*.ts', '**/*.spec.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // Build scripts run on Node and report to the terminal.
  { files: ['apps/web/scripts/**/*.mjs', 'test/reliability/**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } }, rules: { 'no-console': 'off' } },
);
