// The PostgreSQL database behind one test app (TEST_DATABASE=postgres, helper.ts). In the server-pg project, a copy
// of the run's migrated template (pg-test-run.ts) that this test file holds by an advisory lock and reuses from test
// to test, reset to the template's state each time it is handed out. A copy outlives its test file: the next file
// takes it over (reset) rather than paying for CREATE DATABASE again. Without that setup (a by-hand
// `TEST_DATABASE=postgres` run of another project), a fresh empty database the app migrates itself.
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { TEST_PG_URL, pgUrlFor } from './pg-admin.js'
import { freshPgDatabase } from './pg.js'
import type { PgTestRun } from './pg-test-run.js'

export interface AppDatabase {
  url: string
  /** Hands the database back for the next app of this file; its app must be closed by then. */
  release: () => void
}

const run: PgTestRun | undefined = inject('pgTestRun')

/** This file's copies, by name: true while an app uses it. */
const held = new Map<string, boolean>()
let admin: Promise<pg.Client> | null = null

afterAll(async () => {
  // Ending the session releases its advisory locks: the copies pass to the next test file.
  if (admin) await (await admin).end()
  admin = null
  held.clear()
})

function adminClient (): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL })
    await client.connect()
    return client
  })()
  return admin
}

async function resetCopy (name: string, reset: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrlFor(name) })
  await client.connect()
  try {
    await client.query(reset)
  } finally {
    await client.end()
  }
}

/** A copy no other test file holds: one of this file's, else the first free one of the run, else a new one. */
async function takeCopy (current: PgTestRun): Promise<string> {
  for (const [name, inUse] of held) {
    if (inUse) continue
    held.set(name, true)
    await resetCopy(name, current.reset)
    return name
  }
  const client = await adminClient()
  for (let n = 0; ; n++) {
    const name = `${current.prefix}_${n}`
    if (held.has(name)) continue
    const { rows: [row] } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [name])
    if (!row?.locked) continue
    held.set(name, true)
    try {
      await client.query(`create database "${name}" template "${current.template}"`)
    } catch (error) {
      // 42P04: an earlier file made this copy; it may hold that file's rows.
      if ((error as { code?: string }).code !== '42P04') throw error
      await resetCopy(name, current.reset)
    }
    return name
  }
}

export async function appDatabase (): Promise<AppDatabase> {
  if (!run) {
    const { url } = await freshPgDatabase()
    return { url, release: () => {} }
  }
  const name = await takeCopy(run)
  return { url: pgUrlFor(name), release: () => { held.set(name, false) } }
}
