// Last step of `npm run build`: writes .br and .gz beside every text file of dist/kiosk, once, at the
// highest levels, so the server sends them as they are (kiosk-static.ts, `preCompressed`).
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { extname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { kioskDistDir } from '../src/lib/paths.js'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Text formats the kiosk build emits; pictures and fonts are compressed already. */
export const COMPRESSIBLE_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest'])

export interface PrecompressedFile {
  path: string
  bytes: number
  br: number
  gzip: number
}

async function filesUnder (dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name))
}

/**
 * Every compressible file gets both siblings, even a tiny one where they save nothing: the server
 * then never compresses kiosk files on the fly.
 */
export async function precompressDir (dir: string): Promise<PrecompressedFile[]> {
  const files = (await filesUnder(dir)).filter(file => COMPRESSIBLE_EXTENSIONS.has(extname(file)))
  return Promise.all(files.map(async (path): Promise<PrecompressedFile> => {
    const content = await readFile(path)
    const [br, gz] = await Promise.all([
      brotli(content, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
    ])
    await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)])
    return { path, bytes: content.length, br: br.length, gzip: gz.length }
  }))
}

async function main (): Promise<void> {
  const dir = kioskDistDir()
  const done = await precompressDir(dir)
  const total = (key: 'bytes' | 'br' | 'gzip') => done.reduce((sum, file) => sum + file[key], 0)
  process.stdout.write(`precompressed ${done.length} files under ${relative(process.cwd(), dir) || dir}: ` +
    `${total('bytes')} B → brotli ${total('br')} B, gzip ${total('gzip')} B\n`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`precompress failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  })
}
