// vue-i18n's ES build imports Vue as a namespace and reads it by a computed key (`'currentInstance' in Vue`, to hide
// the access from bundler warnings). A namespace read by a computed key keeps every export of Vue in the bundle:
// Transition, KeepAlive, Suspense, Teleport, hydration, custom elements… about 14 KB gzip of the tablet's first screen.
// Vue 3 exports no `currentInstance`, so that branch never runs: the build keeps only the call it does make.
import type { Plugin } from 'vite'

/** vue-i18n's getCurrentInstance wrapper, as its ES builds (runtime and full, browser and bundler) spell it. */
const DYNAMIC_VUE_READ =
  /const key = 'currentInstance';\s*if \(key in Vue\) \{\s*return Vue\[key\];\s*\}\s*else \{\s*return Vue\.getCurrentInstance\(\);\s*\}/

/** Only production builds: `npm run dev` pre-bundles dependencies without plugins, and its bundle size is moot. */
export function vueI18nStaticVue (): Plugin {
  return {
    name: 'tablepad:vue-i18n-static-vue',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]node_modules[\\/]vue-i18n[\\/]dist[\\/][^\\/]+\.m?js$/ },
      handler (code, id) {
        if (!code.includes('import * as Vue from')) return null
        // A vue-i18n release that changed the wrapper must be looked at again, not shipped 14 KB heavier unnoticed.
        if (!DYNAMIC_VUE_READ.test(code)) this.error(`vue-i18n-static-vue: the namespace read is not where expected in ${id}`)
        // The same line count, so the library's source map (left as is) still points at the right lines.
        const replaced = code.replace(DYNAMIC_VUE_READ, read => `return Vue.getCurrentInstance();${read.replace(/[^\n]/g, '')}`)
        return { code: replaced, map: null }
      },
    },
  }
}
