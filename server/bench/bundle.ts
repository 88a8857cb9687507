// The minimal app (the bundle baseline), built by Vite in the same run and precompressed for its static server.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
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

/** Writes .br and .gz beside every text file, as a well-served static app would have them. */
export function precompress (dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      precompress(path)
    } else if (/\.(html|js|css|json|svg|webmanifest)$/.test(name)) {
      const bytes = readFileSync(path)
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }))
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
    }
  }
}
