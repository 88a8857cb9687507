// One flat ESLint config for the whole repository, with rules per runtime.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

const focusedTests = ['describe', 'it', 'test'].map(object => ({
  object,
  property: 'only',
  message: 'Focused tests skip the rest of the suite.',
}))

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'kiosk/dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', ...focusedTests],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // shared/ runs everywhere: neither browser nor Node globals.
  { files: ['shared/**/*.ts'], languageOptions: { globals: {} } },
  // The server and its tools run on Node only.
  { files: ['server/**/*.ts', 'e2e/**/*.ts', '*.ts', '*.js', '.ci/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['kiosk/**/*.{ts,vue}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['kiosk/src/sw.ts'], languageOptions: { globals: { ...globals.serviceworker } } },
)
