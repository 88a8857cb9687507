// 009: the end-of-day close and diners known only by a salted hash. A closed business day keeps the
// figures of its Z-report as they were at the close; every close and reopen is logged. Diners get the
// hash the reports count them by, and when they were last seen, which bounds how long their Alipay ids
// are kept (DINER_DATA_DAYS).
import { type Kysely, sql } from 'kysely'
import { DINER_HASH_SALT_KEY, dinerIdHash, newDinerHashSalt } from '../../diners/diner-hash.js'
import { serialId } from './serial-id.js'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  // A row while the day is closed; reopening deletes it (the log keeps the history). The primary key
  // is what lets only one of two racing closes succeed.
  await strictTable(db, db.schema.createTable('business_days')
    .addColumn('date', 'text', col => col.primaryKey())
    .addColumn('figures', 'text', col => col.notNull())
    .addColumn('closed_at', 'text', col => col.notNull())
    .addColumn('closed_by', 'text', col => col.notNull().references('staff.id')))

  await strictTable(db, db.schema.createTable('business_day_log')
    .addColumn('id', ...serialId(db))
    .addColumn('date', 'text', col => col.notNull())
    .addColumn('action', 'text', col => col.notNull().check(sql`action in ('close', 'reopen')`))
    .addColumn('staff_id', 'text', col => col.notNull().references('staff.id'))
    .addColumn('at', 'text', col => col.notNull())
    .addColumn('reason', 'text'))
  await db.schema.createIndex('business_day_log_date').on('business_day_log').columns(['date', 'id']).execute()

  await db.schema.alterTable('diners').addColumn('id_hash', 'text').execute()
  await db.schema.alterTable('diners').addColumn('last_seen_at', 'text').execute()
  await db.schema.createIndex('diners_id_hash').on('diners').column('id_hash').execute()
  await backfillDiners(db)
}

/** Existing diners: last seen at their latest order (else when first seen), and hashed with a new salt. */
async function backfillDiners (db: Kysely<unknown>): Promise<void> {
  await sql`update diners set last_seen_at = coalesce(
    (select max(orders.created_at) from orders where orders.diner_id = diners.id), diners.created_at)`.execute(db)

  await sql`insert into settings (key, value) values (${DINER_HASH_SALT_KEY}, ${newDinerHashSalt()})
    on conflict (key) do nothing`.execute(db)
  const { rows: [salt] } = await sql<{ value: string }>`select value from settings where key = ${DINER_HASH_SALT_KEY}`.execute(db)
  const { rows } = await sql<{ id: string, alipay_user_id: string | null, alipay_open_id: string | null }>`
    select id, alipay_user_id, alipay_open_id from diners`.execute(db)
  for (const row of rows) {
    const alipayId = row.alipay_user_id ?? row.alipay_open_id
    if (alipayId === null) continue
    await sql`update diners set id_hash = ${dinerIdHash(salt!.value, alipayId)} where id = ${row.id}`.execute(db)
  }
}
