// Writes dist/package.json after the server build. The compiled server imports `#shared/…` like the
// sources do; Node maps such imports with the nearest package.json, and dist/ mirrors the project's
// layout, so the same mapping (copied from the root package.json) finds dist/shared/src/*.js there.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../src/lib/paths.js'

const root = projectRoot()
const { imports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Record<string, string> }
// No name or version: this file only scopes the compiled code (projectRoot() walks past it).
const scope = { private: true, type: 'module', imports }
writeFileSync(join(root, 'dist', 'package.json'), `${JSON.stringify(scope, null, 2)}\n`)
