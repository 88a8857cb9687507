// 016: leases, so background work runs in one process at a time when several share the database (issue 16).
// A payment or refund the reconciler checks carries its own lease (who, until when); singleton jobs (the nightly
// bill reconciliation, a printer's queue…) take a named row of `leases`. Times are ISO text like every other
// timestamp, so "free or expired" is one portable comparison on both SQLite and PostgreSQL.
import type { Kysely } from 'kysely'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  for (const table of ['payments', 'refunds']) {
    // Null: nobody holds it. A lease past `lease_until` is free too (its process died).
    await db.schema.alterTable(table).addColumn('lease_owner', 'text').execute()
    await db.schema.alterTable(table).addColumn('lease_until', 'text').execute()
    // The hand-back at shutdown finds a process's rows without reading the whole table; few rows are leased at once.
    await db.schema.createIndex(`${table}_lease_owner`).on(table).column('lease_owner').where('lease_owner', 'is not', null).execute()
  }

  await strictTable(db, db.schema.createTable('leases')
    // `reconciliation:nightly`, `printer:<id>`, …
    .addColumn('name', 'text', col => col.primaryKey())
    // The process's instance id (plugins/app/instance.ts).
    .addColumn('owner', 'text', col => col.notNull())
    .addColumn('until', 'text', col => col.notNull()))
}
