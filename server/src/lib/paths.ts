// Paths inside the project that hold both when run from TypeScript sources and from dist/.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder holding the project's package.json, found by walking up from this file. The build's
 * dist/package.json (no name: it only maps `#shared/*` for the compiled code) is walked past.
 */
export function projectRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!isProjectManifest(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('package.json not found above the server code')
    dir = parent
  }
  return dir
}

function isProjectManifest (file: string): boolean {
  return existsSync(file) && typeof (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'string'
}

/** Where `vite build` puts the kiosk app. */
export function kioskDistDir (): string {
  return join(projectRoot(), 'dist', 'kiosk')
}
