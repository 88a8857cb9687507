// The last build step for the server: dist/server/src/server.js becomes one bundled file (and its chunks).
// Loading ~1,800 module files (typebox, kysely, fastify, ajv…) keeps about 20 MiB of module records and
// source text alive for the life of the process; one ASCII-only bundle holds the same code in far less.
// The bundle stays at the same path, so the project folder is still found by walking up from it.
// Code reached only through a dynamic import() (the emulator, the reports, the bill's parser and its libraries)
// goes to chunks in dist/server/src/chunks/, each read when first imported. Measured with the bench's idle row,
// the split build idles about 5 MiB lower than one file (issue 11: idle RSS < 100 MiB; docs/performance.md).
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'
import { projectRoot } from '../src/lib/paths.js'

const entry = join(projectRoot(), 'dist', 'server', 'src', 'server.js')
const outdir = dirname(entry)
// Chunk names carry a content hash: the previous build's would otherwise pile up.
rmSync(join(outdir, 'chunks'), { recursive: true, force: true })

await build({
  entryPoints: [entry],
  outdir,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // A native addon: it loads its compiled binary from its own folder in node_modules.
  external: ['better-sqlite3'],
  // Bundled CommonJS packages call require(): give each ES module (the entry and every chunk) one.
  banner: { js: "import { createRequire as __tablepadRequire } from 'node:module'; const require = __tablepadRequire(import.meta.url);" },
  // Non-ASCII source makes V8 keep the whole bundle as a two-byte string (about 9 MiB more).
  charset: 'ascii',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  // Error names and stack frames stay readable in the logs.
  keepNames: true,
  logLevel: 'warning',
})
