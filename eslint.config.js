// One flat ESLint config for the whole repository, with rules per runtime.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

const focusedTests = ['describe', 'it', 'test'].map(object => ({
  object,
  property: 'only',
  message: 'Focused tests skip the rest of the suite.',
}))

// typescript-eslint turns `no-undef` off for TypeScript, so the `globals` below only inform other rules: what a
// runtime must not touch is forbidden by name with no-restricted-globals / no-restricted-imports.
const restrict = (names, message) => names.map(name => ({ name, message }))

/** Browser-only globals: the server and shared/ run on Node, where they do not exist. */
const DOM_GLOBALS = restrict([
  'window', 'document', 'navigator', 'location', 'history', 'screen', 'self',
  'localStorage', 'sessionStorage', 'indexedDB', 'IDBKeyRange', 'caches',
  'alert', 'confirm', 'prompt', 'matchMedia', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame',
  'customElements', 'HTMLElement', 'Element', 'Node', 'DOMParser', 'XMLHttpRequest', 'FileReader', 'Image',
  'MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'KeyboardEvent', 'MouseEvent', 'PointerEvent',
], 'A browser global: this code runs on Node (server) or everywhere (shared).')

/** Globals of a window but not of a worker: the service worker and what it imports run without a page. */
const WINDOW_ONLY_GLOBALS = restrict([
  'window', 'document', 'localStorage', 'sessionStorage', 'alert', 'confirm', 'prompt', 'matchMedia',
  'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'customElements', 'HTMLElement', 'history',
], 'A window global: the service worker (and the modules it imports) runs in a worker, without a page.')

/** Node-only globals: the kiosk and shared/ run in the browser (shared/ on Node too, so it may rely on neither). */
const NODE_GLOBALS = restrict([
  'process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'exports', 'global',
  'setImmediate', 'clearImmediate',
], 'A Node global: this code runs in the browser (kiosk) or everywhere (shared).')

/** Node's built-in modules, by bare name and by `node:` specifier. */
const NODE_IMPORTS = {
  paths: restrict(
    builtinModules.filter(name => !name.startsWith('_')),
    'A Node built-in module: this code runs in the browser (kiosk) or everywhere (shared).',
  ),
  patterns: [{ group: ['node:*'], message: 'A Node built-in module: this code runs in the browser (kiosk) or everywhere (shared).' }],
}

/** TypeScript sources checked with type information (every one is in a tsconfig project, see tsconfig.json). */
const TYPED_FILES = ['**/*.ts', '**/*.vue']

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'kiosk/dev-dist/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: TYPED_FILES,
    languageOptions: {
      parserOptions: {
        // Each file is typed by its nearest tsconfig.json (the root one refers to tsconfig.node.json).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      // A promise nobody awaits loses its rejection: await it, `.catch` it, or `void` it with a reason.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected (an event listener, a Fastify hook, setTimeout) runs
      // unawaited and its rejection is lost. `attributes` concerns JSX only; Vue templates are not checked by it.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
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
  // The server and its tools run on Node only.
  { files: ['server/**/*.ts', 'e2e/**/*.ts', '*.ts', '*.js', '.ci/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['server/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] } },
  // shared/ runs everywhere: neither browser nor Node globals, nor Node modules.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
      'no-restricted-imports': ['error', NODE_IMPORTS],
    },
  },
  // The kiosk runs in the browser. (vite.config.ts, at the root, runs on Node; kiosk/src/pwa/pwa-options.ts, which it
  // imports, touches no Node API, so it keeps the browser rules.)
  {
    files: ['kiosk/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
      'no-restricted-imports': ['error', NODE_IMPORTS],
    },
  },
  // The service worker and the modules it imports run in a worker: no window, no document.
  {
    files: ['kiosk/src/sw.ts', 'kiosk/src/pwa/sw-*.ts', 'kiosk/src/pwa/sync-types.ts', 'kiosk/src/db/database.ts', 'kiosk/src/db/types.ts'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...WINDOW_ONLY_GLOBALS] },
  },
  { files: ['kiosk/src/sw.ts'], languageOptions: { globals: { ...globals.serviceworker } } },
)
