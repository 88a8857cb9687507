// A store that cannot load (its settings sealed, no SECRETS_KEY to open them) must not stall the one reconciler every
// store shares: its due rows are pushed back instead of staying the oldest due, and other stores' rows are checked.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_STORE_ID } from '../../src/db/store-scope.js'
import { seal } from '../../src/lib/secrets.js'
import { Reconciler, UNLOADABLE_STORE_RETRY_MS } from '../../src/payments/reconciler.js'
import { buildTestApp } from '../helper.js'
import { at, checkedUntil, duePayments, silent } from '../leases/fixtures.js'

const NOW = Date.parse('2026-03-02T05:00:00.000Z')
/** More than one tick's batch (50): without the push-back they would fill every batch. */
const SEALED_DUE = 55

describe('a store that cannot load', () => {
  for (const owner of [undefined, 'process-a']) {
    it(`leaves the other stores' payments checked (${owner === undefined ? 'no lease' : 'leased'})`, async () => {
      const app = await buildTestApp()
      const root = app.database.db
      await root.insertInto('stores').values({
        id: 'sto_sealed',
        slug: 'sealed',
        name: 'Sealed',
        sealed_settings: seal(randomBytes(32), JSON.stringify({ currency: 'CNY' }), 'sto_sealed'),
        created_at: at(NOW),
      }).execute()
      await expect(app.stores.get('sto_sealed')).rejects.toThrow()
      const sealedIds = await duePayments(root, SEALED_DUE, NOW - 10_000, 'sto_sealed')
      const [defaultId] = await duePayments(root, 1, NOW - 1000, DEFAULT_STORE_ID)

      const checked: string[] = []
      const errors: unknown[] = []
      const log = { ...(silent as object), error: (fields: unknown) => { errors.push(fields) }, child: () => log } as never
      const reconciler = new Reconciler({
        db: root,
        servicesOf: async storeId => {
          await app.stores.get(storeId)
          return {
            payments: { check: async id => { checked.push(id); await checkedUntil(root, id, NOW + 3_600_000) } },
            refunds: { execute: async () => {} },
          }
        },
        log,
        ...(owner === undefined ? {} : { owner }),
        now: () => NOW,
      })

      await reconciler.tick()
      await reconciler.tick()

      expect(checked).toEqual([defaultId])
      const sealed = await root.selectFrom('payments').select(['next_check_at', 'lease_owner']).where('id', 'in', sealedIds).execute()
      expect(sealed.map(row => row.next_check_at)).toEqual(sealedIds.map(() => at(NOW + UNLOADABLE_STORE_RETRY_MS)))
      expect(sealed.every(row => row.lease_owner === null)).toBe(true)
      // Logged once for the store, not once per row.
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({ storeId: 'sto_sealed' })
    })
  }
})
