// The app version from package.json, reported by /api/health and compared by tablets.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from './paths.js'

export const APP_VERSION: string = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version
