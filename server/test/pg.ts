// Fresh PostgreSQL databases for tests: each created empty on the server TEST_PG_URL names (the local
// server by default), dropped when the test file ends. Only databases made here are ever dropped.
import { afterAll } from 'vitest'
import { adminQuery, pgUrlFor, uniqueDatabaseName } from './pg-admin.js'

export { TEST_DATABASE_PREFIX, TEST_PG_URL, adminQuery, pgUrlFor, queryOn } from './pg-admin.js'

const created: string[] = []

/** Dropping waits for a checkpoint: a second or more each on a busy disk, more than the usual hook timeout for a few. */
const DROP_TIMEOUT_MS = 120_000

// Registered when the test file imports this module: a hook added later, from inside a running test, never runs.
afterAll(dropCreatedDatabases, DROP_TIMEOUT_MS)

/** A new empty database (optionally a copy of `template`), dropped after the calling test file. */
export async function freshPgDatabase (options: { template?: string } = {}): Promise<{ name: string, url: string }> {
  const name = uniqueDatabaseName()
  await adminQuery(`create database ${name}${options.template ? ` template ${options.template}` : ''}`)
  created.push(name)
  return { name, url: pgUrlFor(name) }
}

/** Drops what freshPgDatabase made; `with (force)` ends connections a test left open. */
export async function dropCreatedDatabases (): Promise<void> {
  await Promise.all(created.splice(0).map(name => adminQuery(`drop database if exists ${name} with (force)`)))
}
