// Paths inside the project that hold both when run from TypeScript sources and from dist/.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding package.json, found by walking up from this file. */
export function projectRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('package.json not found above the server code')
    dir = parent
  }
  return dir
}

/** Where `vite build` puts the kiosk app. */
export function kioskDistDir (): string {
  return join(projectRoot(), 'dist', 'kiosk')
}
