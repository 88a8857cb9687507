// Vitest globalSetup of the server-pg project: once per run, a template database migrated to the latest schema,
// plus the script that puts a used copy of it back to the template's state. Apps' databases are copies of the
// template (CREATE DATABASE … TEMPLATE), reused from test to test and reset in milliseconds (pg-app-database.ts):
// creating or dropping a database costs a checkpoint, a second or more on a busy disk, migrating one as much.
// Teardown drops every database of this run, and only those (they share the run's unique prefix).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { DINER_HASH_SALT_KEY } from '../src/diners/diner-hash.js'
import type { TestProject } from 'vitest/node'
import { migrate, openPostgres } from '../src/db/database.js'
import { TEST_DATABASE_PREFIX, TEST_PG_URL, adminQuery, pgUrlFor } from './pg-admin.js'

export interface PgTestRun {
  /** Every database of this run starts with it. */
  prefix: string
  /** The migrated template the apps' databases are copies of. */
  template: string
  /** SQL putting a copy of the template back to the template's rows and sequences. */
  reset: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTestRun: PgTestRun
  }
}

const SEED_QUOTE = '$tablepad_seed$'

/** Tables in an order that deletes every referencing row before the row it references. */
async function deleteOrder (client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'kysely\\_%'`)
  const { rows: references } = await client.query<{ child: string, parent: string }>(`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c where c.contype = 'f' and c.conrelid <> c.confrelid`)
  const ordered: string[] = []
  const remaining = new Set(tables.map(table => table.name))
  while (remaining.size > 0) {
    // A table whose rows nothing remaining references can be emptied now.
    const free = [...remaining].filter(table => !references.some(ref => ref.parent === table && remaining.has(ref.child)))
    if (free.length === 0) throw new Error(`foreign keys form a cycle among ${[...remaining].join(', ')}`)
    for (const table of free.sort()) {
      ordered.push(table)
      remaining.delete(table)
    }
  }
  return ordered
}

/** The reset script: empty every table, put back the rows migrations wrote, rewind the sequences. */
async function resetScript (url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await deleteOrder(client)
    const statements = tables.map(table => `delete from "${table}";`)
    for (const table of [...tables].reverse()) {
      const { rows: [aggregated] } = await client.query<{ rows: string | null }>(`select json_agg(t)::text as rows from "${table}" t`)
      const rows = aggregated?.rows ?? null
      if (rows === null) continue
      if (rows.includes(SEED_QUOTE)) throw new Error(`${table}'s seed rows contain ${SEED_QUOTE}`)
      statements.push(`insert into "${table}" select * from json_populate_recordset(null::"${table}", ${SEED_QUOTE}${rows}${SEED_QUOTE});`)
    }
    const { rows: sequences } = await client.query<{ name: string, last: string | null, start: string }>(`
      select format('%I.%I', schemaname, sequencename) as name, last_value::text as last, start_value::text as start
      from pg_sequences where schemaname = 'public'`)
    for (const sequence of sequences) {
      statements.push(`select setval('${sequence.name}', ${sequence.last ?? sequence.start}, ${sequence.last !== null});`)
    }
    // Each copy is a restaurant of its own: it draws its own diner-hash salt, as a fresh migration would.
    statements.push(`update settings set value = replace(replace(rtrim(encode(decode(md5(random()::text) || md5(random()::text), 'hex'), 'base64'), '='), '+', '-'), '/', '_') where key = '${DINER_HASH_SALT_KEY}';`)
    return `begin; ${statements.join(' ')} commit;`
  } finally {
    await client.end()
  }
}

export default async function setup (project: TestProject): Promise<() => Promise<void>> {
  const prefix = `${TEST_DATABASE_PREFIX}run${process.pid}_${randomBytes(3).toString('hex')}`
  const template = `${prefix}_template`
  await adminQuery(`create database ${template}`)
  const database = await openPostgres(pgUrlFor(template), 2)
  try {
    await migrate(database.db)
  } finally {
    await database.close()
  }
  project.provide('pgTestRun', { prefix, template, reset: await resetScript(pgUrlFor(template)) })

  return async () => {
    const admin = new pg.Client({ connectionString: TEST_PG_URL })
    await admin.connect()
    try {
      const { rows } = await admin.query<{ name: string }>(`select datname as name from pg_database where starts_with(datname, $1)`, [`${prefix}_`])
      for (const { name } of rows) await admin.query(`drop database if exists "${name}" with (force)`)
    } finally {
      await admin.end()
    }
  }
}
