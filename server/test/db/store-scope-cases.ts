// The behaviour of a store-scoped handle (db/store-scope.ts), run on SQLite (store-scope.test.ts) and on
// PostgreSQL (store-scope.pg.test.ts): two stores' rows in the same tables, and every kind of query a scoped
// handle runs touches its own store's only.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.js'
import { inTransaction } from '../../src/db/transaction.js'
import { reusableQuery } from '../../src/db/reusable-query.js'
import { DEFAULT_STORE_ID, StoreScopeError, forStore, storeScopeOf } from '../../src/db/store-scope.js'
import { isUniqueViolation } from '../../src/db/unique-violation.js'

const EAST = 'east'
const AT = '2026-03-01T04:00:00.000Z'

/** Two stores, each with a table and an order, through their scoped handles. */
async function twoStores (root: Db): Promise<{ root: Db, main: Db, east: Db }> {
  await root.insertInto('stores').values({ id: EAST, slug: EAST, name: 'East', sealed_settings: null, created_at: AT }).execute()
  const main = forStore(root, DEFAULT_STORE_ID)
  const east = forStore(root, EAST)
  for (const [db, prefix] of [[main, 'm'], [east, 'e']] as const) {
    await db.insertInto('tables').values({ id: `${prefix}_t1`, label: 'T1', code: `${prefix}_code1`, seats: 4, sort: 0, created_at: AT, removed_at: null, label_zh: null }).execute()
    await db.insertInto('orders').values(order(`${prefix}_o1`, 1, `${prefix}_t1`)).execute()
    await db.insertInto('settings').values({ key: 'greeting', value: `hello from ${prefix}` }).execute()
  }
  return { root, main, east }
}

function order (id: string, number: number, tableId: string): {
  id: string, number: number, client_order_id: string, request_hash: string, device_id: null, table_id: string, status: string,
  subtotal: number, total: number, currency: string, note: null, cancel_reason: null, created_at: string, updated_at: string,
} {
  return {
    id, number, client_order_id: `c_${id}`, request_hash: 'h', device_id: null, table_id: tableId, status: 'placed',
    subtotal: 300, total: 300, currency: 'CNY', note: null, cancel_reason: null, created_at: AT, updated_at: AT,
  }
}

export function storeScopeCases (open: () => Promise<Db>): void {
  describe('a store-scoped handle', () => {
    it('stamps its store on the rows it inserts, and reads only its own', async () => {
      const { root, main, east } = await twoStores(await open())
      const stamped = await root.selectFrom('tables').select(['id', 'store_id']).orderBy('id').execute()
      expect(stamped).toEqual([{ id: 'e_t1', store_id: EAST }, { id: 'm_t1', store_id: DEFAULT_STORE_ID }])
      expect(await main.selectFrom('tables').select('id').execute()).toEqual([{ id: 'm_t1' }])
      expect(await east.selectFrom('tables as t').select('t.id').execute()).toEqual([{ id: 'e_t1' }])
      expect(storeScopeOf(root)).toBeNull()
      expect(storeScopeOf(east)).toBe(EAST)
      expect(storeScopeOf(forStore(east, DEFAULT_STORE_ID))).toBe(DEFAULT_STORE_ID)
    })

    it('confines joins (a left join keeps its rows) and subqueries to its store', async () => {
      const { root, main, east } = await twoStores(await open())
      // A row of another store pointing at this store's table: only the root handle may see them together.
      await root.insertInto('orders').values({ ...order('e_o2', 2, 'm_t1'), store_id: EAST }).execute()
      const left = await main.selectFrom('tables as t').leftJoin('orders as o', 'o.table_id', 't.id')
        .select(['t.id as table', 'o.id as order']).orderBy('o.id').execute()
      expect(left).toEqual([{ table: 'm_t1', order: 'm_o1' }])
      expect(await east.selectFrom('orders as o').innerJoin('tables as t', 't.id', 'o.table_id').select('o.id').orderBy('o.id').execute())
        .toEqual([{ id: 'e_o1' }])
      const withOrders = await main.selectFrom('tables').select('id')
        .where(eb => eb.exists(eb.selectFrom('orders').select('orders.id').whereRef('orders.table_id', '=', 'tables.id').where('orders.number', '=', 2)))
        .execute()
      expect(withOrders).toEqual([])
      const inList = await east.selectFrom('tables').select('id')
        .where('id', 'in', eb => eb.selectFrom('orders').select('table_id')).orderBy('id').execute()
      expect(inList).toEqual([{ id: 'e_t1' }])
      const cte = await east.with('labels', db => db.selectFrom('tables').select('label')).selectFrom('labels').selectAll().execute()
      expect(cte).toEqual([{ label: 'T1' }])
      const union = await main.selectFrom('tables').select('id').union(db => db.selectFrom('orders').select('id')).orderBy('id').execute()
      expect(union).toEqual([{ id: 'm_o1' }, { id: 'm_t1' }])
      const counted = await main.selectFrom('orders').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(counted.n)).toBe(1)
    })

    it('updates and deletes only its own rows, with filters that bind looser than AND kept whole', async () => {
      const { root, main, east } = await twoStores(await open())
      await main.updateTable('settings').set({ value: 'changed' }).where('key', '=', 'greeting').execute()
      await east.updateTable('orders as o').set({ status: 'served' })
        .where(({ or, eb }) => or([eb('o.number', '=', 1), eb('o.number', '=', 99)])).execute()
      // A raw filter: parenthesised before the store's condition is ANDed to it.
      await east.updateTable('orders').set({ note: 'or-ed' }).where(sql<boolean>`number = 1 or number = 99`).execute()
      expect(await root.selectFrom('settings').select(['store_id', 'value']).where('key', '=', 'greeting').orderBy('store_id').execute())
        .toEqual([{ store_id: DEFAULT_STORE_ID, value: 'changed' }, { store_id: EAST, value: 'hello from e' }])
      expect(await root.selectFrom('orders').select(['id', 'status', 'note']).orderBy('id').execute())
        .toEqual([{ id: 'e_o1', status: 'served', note: 'or-ed' }, { id: 'm_o1', status: 'placed', note: null }])
      await east.deleteFrom('settings').where('key', '=', 'greeting').execute()
      await main.deleteFrom('orders').execute()
      expect(await root.selectFrom('settings').select('store_id').where('key', '=', 'greeting').execute()).toEqual([{ store_id: DEFAULT_STORE_ID }])
      expect(await root.selectFrom('orders').select('id').execute()).toEqual([{ id: 'e_o1' }])
    })

    it('upserts per store: ON CONFLICT targets its own row, and each store keeps its own value', async () => {
      const { root, main, east } = await twoStores(await open())
      for (const [db, value] of [[main, 'main'], [east, 'east'], [main, 'main again']] as const) {
        await db.insertInto('settings').values({ key: 'mode', value })
          .onConflict(oc => oc.column('key').doUpdateSet({ value })).execute()
      }
      expect(await root.selectFrom('settings').select(['store_id', 'value']).where('key', '=', 'mode').orderBy('store_id').execute())
        .toEqual([{ store_id: DEFAULT_STORE_ID, value: 'main again' }, { store_id: EAST, value: 'east' }])
      // tables.code is globally unique; its conflict target gets a per-store index too (019).
      const again = await east.insertInto('tables').values({ id: 'e_t2', label: 'T2', code: 'e_code1', seats: 2, sort: 1, created_at: AT, removed_at: null, label_zh: null })
        .onConflict(oc => oc.column('code').doNothing()).returning('id').executeTakeFirst()
      expect(again).toBeUndefined()
    })

    it('lets two stores use the same natural key (table label, order number, setting key), still unique within a store', async () => {
      const { root, main } = await twoStores(await open())
      expect(await root.selectFrom('tables').select('label').where('label', '=', 'T1').execute()).toHaveLength(2)
      expect(await root.selectFrom('orders').select('number').where('number', '=', 1).execute()).toHaveLength(2)
      expect(await root.selectFrom('settings').select('key').where('key', '=', 'greeting').execute()).toHaveLength(2)
      const duplicate = await main.insertInto('tables').values({ id: 'm_t2', label: 'T1', code: 'm_code2', seats: 4, sort: 0, created_at: AT, removed_at: null, label_zh: null })
        .execute().then(() => null, (error: unknown) => error)
      expect(isUniqueViolation(duplicate, 'tables.label')).toBe(true)
      const number = await main.insertInto('orders').values(order('m_o2', 1, 'm_t1')).execute().then(() => null, (error: unknown) => error)
      expect(isUniqueViolation(number, 'number')).toBe(true)
    })

    it('refuses an insert naming another store, or an INSERT … SELECT', async () => {
      const { main } = await twoStores(await open())
      await expect(main.insertInto('settings').values({ key: 'x', value: 'y', store_id: EAST }).execute()).rejects.toThrow(StoreScopeError)
      await main.insertInto('settings').values({ key: 'x', value: 'y', store_id: DEFAULT_STORE_ID }).execute()
      await expect(main.insertInto('settings').columns(['key', 'value']).expression(eb => eb.selectFrom('settings').select(['key', 'value'])).execute())
        .rejects.toThrow(StoreScopeError)
      // A global table is not touched.
      await main.insertInto('leases').values({ name: 'job', owner: 'me', until: AT }).execute()
      expect(await main.selectFrom('leases').select('name').execute()).toEqual([{ name: 'job' }])
    })

    it('refuses what would cross stores or escape the rewrite: RIGHT/FULL joins of its tables, moving rows, unrewritable conflict targets', async () => {
      const { main } = await twoStores(await open())
      // Another store's orders would survive a RIGHT or FULL join's ON condition.
      expect(() => main.selectFrom('tables').rightJoin('orders', 'orders.table_id', 'tables.id').select('orders.id').compile()).toThrow(StoreScopeError)
      expect(() => main.selectFrom('tables').fullJoin('orders as o', 'o.table_id', 'tables.id').select('o.id').compile()).toThrow(StoreScopeError)
      // A global table right-joined is harmless: the store's own table is confined in WHERE.
      main.selectFrom('orders').rightJoin('leases', 'leases.name', 'orders.id').select('orders.id').compile()
      // Rows never move between stores, not even to the handle's own (that is the root's business).
      expect(() => main.updateTable('orders').set({ store_id: EAST }).where('id', '=', 'm_o1').compile()).toThrow(StoreScopeError)
      expect(() => main.updateTable('orders as o').set({ store_id: DEFAULT_STORE_ID }).where('o.id', '=', 'm_o1').compile()).toThrow(StoreScopeError)
      expect(() => main.insertInto('settings').values({ key: 'mode', value: 'x' })
        .onConflict(oc => oc.column('key').doUpdateSet({ store_id: EAST })).compile()).toThrow(StoreScopeError)
      // store_id can be prepended to a column target only.
      expect(() => main.insertInto('settings').values({ key: 'mode', value: 'x' })
        .onConflict(oc => oc.constraint('settings_pkey').doNothing()).compile()).toThrow(StoreScopeError)
      expect(() => main.insertInto('settings').values({ key: 'mode', value: 'x' })
        .onConflict(oc => oc.expression(sql`lower(key)`).doNothing()).compile()).toThrow(StoreScopeError)
      expect(await main.selectFrom('orders').select('store_id').execute()).toEqual([{ store_id: DEFAULT_STORE_ID }])
    })

    it('keeps its scope in transactions (inTransaction, db.transaction(), withPlugin on a transaction)', async () => {
      const { east } = await twoStores(await open())
      const seen = await inTransaction(east, async trx => {
        expect(storeScopeOf(trx)).toBe(EAST)
        await trx.insertInto('settings').values({ key: 'in-trx', value: '1' }).execute()
        return trx.selectFrom('tables').select('id').execute()
      })
      expect(seen).toEqual([{ id: 'e_t1' }])
      await east.transaction().execute(async trx => {
        const plain = trx.withoutPlugins()
        expect(storeScopeOf(plain)).toBeNull()
        expect(await forStore(plain, EAST).selectFrom('settings').select('key').where('key', '=', 'in-trx').execute()).toEqual([{ key: 'in-trx' }])
        expect(await trx.withPlugin({ transformQuery: args => args.node, transformResult: async args => args.result }).selectFrom('orders').select('id').execute())
          .toEqual([{ id: 'e_o1' }])
      })
    })

    it('compiles a reusable query per store: the same query on two stores returns each one\'s rows', async () => {
      const { main, east } = await twoStores(await open())
      const byLabel = reusableQuery((db, label: string) => db.selectFrom('tables').select('id').where('label', '=', label))
      expect((await byLabel(main, 'T1')).rows).toEqual([{ id: 'm_t1' }])
      expect((await byLabel(east, 'T1')).rows).toEqual([{ id: 'e_t1' }])
      expect((await byLabel(main, 'T1')).rows).toEqual([{ id: 'm_t1' }])
    })

    it('leaves raw SQL alone (the architecture test keeps it out of the repositories)', async () => {
      const { east } = await twoStores(await open())
      const { rows } = await sql<{ n: number }>`select count(*) as n from tables`.execute(east)
      expect(Number(rows[0]!.n)).toBe(2)
    })
  })
}
