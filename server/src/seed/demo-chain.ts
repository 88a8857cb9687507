// The demo on PostgreSQL: a chain of two stores. The default store gets the demo restaurant a single restaurant
// gets; a second store ("riverside") gets a smaller menu, its own tables and its own manager; and the chain gets
// an owner, who logs in to either. Several processes may start at once on an empty database: everything is
// written in ONE root write transaction, which holds the database's writer lock (transaction.ts) — the first
// process seeds, the others wait on the lock and then find the default store seeded.
import { randomInt } from 'node:crypto'
import type { Db } from '../db/database.js'
import { DEFAULT_STORE_ID, forStore } from '../db/store-scope.js'
import { inTransaction } from '../db/transaction.js'
import { ErrorCodeEnum } from '#shared/error-codes.js'
import { countActiveOwners, createOwner, createStaff } from '../repositories/staff.js'
import { createStore, findStoreBySlug } from '../repositories/stores.js'
import type { SealedStoreSettings } from '../stores/store-settings.js'
import { StaffRoleEnum } from '#shared/schemas/staff.js'
import { DEMO_RESTAURANT } from './demo-restaurant.js'
import { RIVERSIDE_MANAGER_NAME, RIVERSIDE_NAME, RIVERSIDE_RESTAURANT, RIVERSIDE_SLUG } from './demo-riverside.js'
import { demoSeedRefusal, writeDemoRestaurant, type SeededCounts, type SeedOutcome } from './demo-seed.js'

export const DEMO_OWNER_NAME = 'Owner'

/** A generated PIN tried again when taken: a PIN must name one login (repositories/staff.ts). */
const PIN_ATTEMPTS = 5

export interface ChainSeedOptions {
  /** DEMO_SEED: true seeds, false never, null only an empty default store. */
  demoSeed: boolean | null
  /** The environment's STORE_CURRENCY and STORE_TIMEZONE (the default store's). */
  currency: string
  timezone: string
  /** SECRETS_KEY: with it the second store's currency and zone are its own (sealed), else the environment's. */
  secretsKey: Buffer | null
  /** PINs the generated ones must differ from (STAFF_PIN, the default manager's: a member's PIN wins over an owner's). */
  reservedPins?: readonly string[]
}

export interface SeededStore extends SeededCounts {
  id: string
  slug: string
  name: string
  managerPin: string
}

export type ChainSeedOutcome =
  | Exclude<SeedOutcome, { seeded: true }>
  | {
    seeded: true
    default: SeededCounts
    /** Null when a store already has the slug `riverside` (a real one is left alone). */
    second: SeededStore | null
    /** Null when the chain already has an owner. */
    ownerPin: string | null
  }

function newPin (taken: ReadonlySet<string>): string {
  for (;;) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0')
    if (!taken.has(pin)) return pin
  }
}

async function seedSecondStore (root: Db, options: ChainSeedOptions, taken: Set<string>): Promise<SeededStore | null> {
  if (await findStoreBySlug(root, RIVERSIDE_SLUG)) return null
  // Settings of its own need SECRETS_KEY to be sealed; without it the store simply follows the environment.
  const settings: SealedStoreSettings = options.secretsKey ? { currency: options.currency, timezone: options.timezone } : {}
  const store = await createStore(root, { slug: RIVERSIDE_SLUG, name: RIVERSIDE_NAME, settings }, options.secretsKey)
  const db = forStore(root, store.id)
  const counts = await writeDemoRestaurant(db, RIVERSIDE_RESTAURANT, options.currency)
  const managerPin = newPin(taken)
  taken.add(managerPin)
  await createStaff(db, { name: RIVERSIDE_MANAGER_NAME, role: StaffRoleEnum.MANAGER, pin: managerPin })
  return { id: store.id, slug: store.slug, name: store.name, managerPin, ...counts }
}

/** The chain's owner with a generated PIN (another one when it is someone's already). */
async function addOwner (root: Db, taken: Set<string>): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const pin = newPin(taken)
    try {
      await createOwner(root, { name: DEMO_OWNER_NAME, pin })
      return pin
    } catch (error) {
      // Only a check of ours failed (nothing was written): the transaction goes on.
      if ((error as { code?: unknown }).code !== ErrorCodeEnum.PIN_IN_USE || attempt === PIN_ATTEMPTS) throw error
      taken.add(pin)
    }
  }
}

/** Seeds the chain demo on the ROOT handle of a PostgreSQL database; see the file's comment. */
export async function seedDemoChain (root: Db, options: ChainSeedOptions): Promise<ChainSeedOutcome> {
  if (options.demoSeed === false) return { seeded: false, reason: 'disabled' }
  return inTransaction(root, async (trx): Promise<ChainSeedOutcome> => {
    const defaultStore = forStore(trx, DEFAULT_STORE_ID)
    const refusal = await demoSeedRefusal(defaultStore, options.demoSeed)
    if (refusal) return { seeded: false, reason: refusal }
    const taken = new Set(options.reservedPins ?? [])
    const first = await writeDemoRestaurant(defaultStore, DEMO_RESTAURANT, options.currency)
    const second = await seedSecondStore(trx, options, taken)
    const ownerPin = await countActiveOwners(trx) === 0 ? await addOwner(trx, taken) : null
    return { seeded: true, default: first, second, ownerPin }
  })
}
