// The minimal app (the bundle baseline), built by Vite in the same run and precompressed for its static server.
import { join } from 'node:path'
import { build } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'

/**
 * Builds server/bench/baselines/minimal-app with the tablet's own build settings for these packages (Vue without the
 * Options API, vue-i18n runtime-only with precompiled messages: see vite.config.ts), into `outDir`.
 */
export async function buildMinimalApp (outDir: string): Promise<void> {
  const root = join(import.meta.dirname, 'baselines', 'minimal-app')
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [
      vue({ features: { optionsAPI: false } }),
      VueI18nPlugin({
        include: [join(root, 'src/i18n/*.json')],
        runtimeOnly: true,
        compositionOnly: true,
        fullInstall: false,
        dropMessageCompiler: true,
        strictMessage: true,
      }),
    ],
    build: { outDir, emptyOutDir: true },
  })
}
