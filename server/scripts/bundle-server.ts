// The last build step for the server: dist/server/src/server.js becomes one bundled file.
// Loading ~1,800 module files (typebox, kysely, fastify, ajv…) keeps about 20 MiB of module records and
// source text alive for the life of the process; one ASCII-only bundle holds the same code in far less.
// The bundle stays at the same path, so the project folder is still found by walking up from it.
import { join } from 'node:path'
import { build } from 'esbuild'
import { projectRoot } from '../src/lib/paths.js'

const entry = join(projectRoot(), 'dist', 'server', 'src', 'server.js')

await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // A native addon: it loads its compiled binary from its own folder in node_modules.
  external: ['better-sqlite3'],
  // Bundled CommonJS packages call require(): give the ES module one.
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
