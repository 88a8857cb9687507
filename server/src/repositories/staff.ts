// Staff members and their sessions: SQL for `staff` and `staff_sessions`, mapped to StaffMember.
import { inTransaction } from '../db/transaction.js'
import { databaseKind } from '../db/dialect.js'
import type { Db } from '../db/database.js'
import { forStore, storeScopeOf } from '../db/store-scope.js'
import type { StaffRow } from '../db/schema.js'
import { hashPin, verifyPin } from '../lib/pin-hash.js'
import { newId, nowIso, sha256 } from '../lib/tokens.js'
import { LastManagerError, PinInUseError } from '../errors.js'
import { StaffRoleEnum, type StaffMember, type StaffRole, type StoreRole } from '#shared/schemas/staff.js'

/** A member of one store (created through that store's scoped handle); owners are made by createOwner. */
export interface NewStaffMember {
  name: string
  role: StoreRole
  pin: string
}

export interface StaffChanges {
  name?: string
  role?: StoreRole
  pin?: string
}

export function toStaffMember (row: Pick<StaffRow, 'id' | 'name' | 'role'>): StaffMember {
  return { id: row.id, name: row.name, role: row.role as StaffRole }
}

/**
 * Writes to staff are serialised per database and store: the PIN-in-use check hashes (async) before it
 * inserts, and two managers adding the same PIN at once must not both pass it. Keyed by the database's
 * adapter (one per opened database, shared by its scoped handles) and the handle's store: every scoped
 * handle of one store shares a queue whichever object it is. Owners (root handle) queue under ''.
 */
const writeLocks = new WeakMap<object, Map<string, Promise<unknown>>>()

function serialised<T> (db: Db, task: () => Promise<T>): Promise<T> {
  const adapter = db.getExecutor().adapter
  let queues = writeLocks.get(adapter)
  if (!queues) writeLocks.set(adapter, queues = new Map())
  const scope = storeScopeOf(db) ?? ''
  const previous = queues.get(scope) ?? Promise.resolve()
  const next = previous.then(task, task)
  queues.set(scope, next.catch(() => undefined))
  return next
}

/**
 * A staff write and the checks it rests on (PIN free, not the last manager). On SQLite this process is the
 * only writer and the lock above orders its writes, so the checks run outside any transaction (hashing a PIN
 * must not hold the one connection the orders need). On PostgreSQL another process may be writing staff too:
 * checks and write share one write transaction (inTransaction: one writer at a time), so the second of two sees
 * the first's write. It holds the writer lock while PINs are compared (tens of ms each): staff edits are rare.
 */
function staffWrite<T> (db: Db, task: (db: Db) => Promise<T>): Promise<T> {
  return serialised(db, () => databaseKind(db) === 'postgres' ? inTransaction(db, task) : task(db))
}

async function activeRows (db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().where('disabled_at', 'is', null).orderBy('created_at').orderBy('id').execute()
}

/** Members who can log in (a disabled one, such as a former member, does not count). */
export async function countActiveStaff (db: Db): Promise<number> {
  const { count } = await db.selectFrom('staff').select(eb => eb.fn.countAll<number>().as('count'))
    .where('disabled_at', 'is', null).executeTakeFirstOrThrow()
  return Number(count)
}

export async function listStaff (db: Db): Promise<StaffMember[]> {
  return (await activeRows(db)).map(toStaffMember)
}

export async function findStaff (db: Db, id: string): Promise<StaffMember | null> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst()
  return row ? toStaffMember(row) : null
}

/**
 * The active member whose PIN this is, or null. A PIN is salted per member, so every active hash
 * is checked; all of them, even after a match, so the time taken does not tell whose PIN it was.
 */
export async function findStaffByPin (db: Db, pin: string, exceptId?: string): Promise<StaffMember | null> {
  const rows = (await activeRows(db)).filter(row => row.id !== exceptId)
  const matches = await Promise.all(rows.map(row => verifyPin(pin, row.pin_hash)))
  const index = matches.indexOf(true)
  return index === -1 ? null : toStaffMember(rows[index]!)
}

async function assertPinFree (db: Db, pin: string, exceptId?: string): Promise<void> {
  // A PIN identifies the person who logs in with it, so two members cannot share one.
  if (await findStaffByPin(db, pin, exceptId)) throw new PinInUseError()
}

async function activeManagerCount (db: Db): Promise<number> {
  const { count } = await db.selectFrom('staff').select(eb => eb.fn.countAll<number>().as('count'))
    .where('role', '=', StaffRoleEnum.MANAGER).where('disabled_at', 'is', null).executeTakeFirstOrThrow()
  return Number(count)
}

/** Adds a member; throws PIN_IN_USE (409) when an active member already has this PIN. */
export async function createStaff (db: Db, member: NewStaffMember): Promise<StaffMember> {
  return staffWrite(db, async db => {
    await assertPinFree(db, member.pin)
    // store_id comes from the scoped handle (store-scope.ts stamps it).
    const row = {
      id: newId('stf'),
      name: member.name.trim(),
      role: member.role,
      pin_hash: await hashPin(member.pin),
      created_at: nowIso(),
      disabled_at: null,
    }
    await db.insertInto('staff').values(row).execute()
    return toStaffMember(row)
  })
}

/**
 * Renames, changes the role or the PIN of an active member; null when there is none. Demoting the
 * last manager throws LAST_MANAGER (409). A new PIN ends the member's sessions but `keepSession`.
 */
export async function updateStaff (db: Db, id: string, changes: StaffChanges, keepSessionHash?: string): Promise<StaffMember | null> {
  return staffWrite(db, async db => {
    const current = await findStaff(db, id)
    if (!current) return null
    if (changes.role === StaffRoleEnum.STAFF && current.role === StaffRoleEnum.MANAGER && await activeManagerCount(db) <= 1) {
      throw new LastManagerError()
    }
    const set: { name?: string, role?: StoreRole, pin_hash?: string } = {}
    if (changes.name !== undefined) set.name = changes.name.trim()
    if (changes.role !== undefined) set.role = changes.role
    if (changes.pin !== undefined) {
      await assertPinFree(db, changes.pin, id)
      set.pin_hash = await hashPin(changes.pin)
    }
    await inTransaction(db, async trx => {
      await trx.updateTable('staff').set(set).where('id', '=', id).execute()
      if (changes.pin !== undefined) {
        let ending = trx.deleteFrom('staff_sessions').where('staff_id', '=', id)
        if (keepSessionHash) ending = ending.where('token_hash', '!=', keepSessionHash)
        await ending.execute()
      }
    })
    return findStaff(db, id)
  })
}

/** Disables a member and ends their sessions; false when there is none. The last manager stays. */
export async function disableStaff (db: Db, id: string): Promise<boolean> {
  return staffWrite(db, async db => {
    const current = await findStaff(db, id)
    if (!current) return false
    if (current.role === StaffRoleEnum.MANAGER && await activeManagerCount(db) <= 1) throw new LastManagerError()
    await inTransaction(db, async trx => {
      await trx.updateTable('staff').set({ disabled_at: nowIso() }).where('id', '=', id).execute()
      await trx.deleteFrom('staff_sessions').where('staff_id', '=', id).execute()
    })
    return true
  })
}

/**
 * Starts a session; only the SHA-256 of `token` is stored. `db` is the store's scoped handle: the session acts in
 * that store (its store_id), an owner's included.
 */
export async function createSession (db: Db, staffId: string, token: string, maxAgeS: number, now = Date.now()): Promise<void> {
  // Expired sessions are swept here rather than by a timer: logins are rare and cheap.
  await db.deleteFrom('staff_sessions').where('expires_at', '<=', nowIso(now)).execute()
  await db.insertInto('staff_sessions').values({
    token_hash: sha256(token),
    staff_id: staffId,
    created_at: nowIso(now),
    expires_at: nowIso(now + maxAgeS * 1000),
  }).execute()
}

export async function deleteSession (db: Db, token: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', sha256(token)).execute()
}

/**
 * ROOT handle: the enabled staff member whose unexpired session `token` is, and the store the session acts in
 * (an owner's member row has no store; the session holds the one they chose), else null. The token is a
 * global secret, so the lookup runs before any store is known.
 */
export async function findStaffSessionOnRoot (root: Db, token: string, now = Date.now()): Promise<{ staff: StaffMember, storeId: string } | null> {
  const row = await root.selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select(['staff.id', 'staff.name', 'staff.role', 'staff_sessions.store_id'])
    .where('staff_sessions.token_hash', '=', sha256(token))
    .where('staff_sessions.expires_at', '>', nowIso(now))
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst()
  return row ? { staff: toStaffMember(row), storeId: row.store_id } : null
}

// ---------------------------------------------------------------------------------------------------------
// Chain owners: `staff` rows with role 'owner' and store_id NULL, reached through the ROOT handle only (a
// store's scoped handle never sees them, so a store's managers can neither list nor change an owner).

async function activeOwnerRows (root: Db): Promise<StaffRow[]> {
  return root.selectFrom('staff').selectAll().where('role', '=', StaffRoleEnum.OWNER).where('store_id', 'is', null)
    .where('disabled_at', 'is', null).orderBy('created_at').orderBy('id').execute()
}

export async function countActiveOwners (root: Db): Promise<number> {
  const { count } = await root.selectFrom('staff').select(eb => eb.fn.countAll<number>().as('count'))
    .where('role', '=', StaffRoleEnum.OWNER).where('store_id', 'is', null).where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(count)
}

/**
 * Who logs in to `storeId` with `pin`: one of the store's active members, else an owner, else null. PINs are
 * unique within a store and among owners; should a member and an owner share one, the member wins (the lesser
 * rights: typing a PIN never grants more than its store member has). Every hash of both is checked, even after
 * a match, so the time taken does not tell whose PIN it was.
 */
export async function findLoginByPin (root: Db, storeId: string, pin: string): Promise<StaffMember | null> {
  const [member, owner] = await Promise.all([
    findStaffByPin(forStore(root, storeId), pin),
    firstMatch(await activeOwnerRows(root), pin),
  ])
  return member ?? owner
}

async function firstMatch (rows: StaffRow[], pin: string): Promise<StaffMember | null> {
  const matches = await Promise.all(rows.map(row => verifyPin(pin, row.pin_hash)))
  const index = matches.indexOf(true)
  return index === -1 ? null : toStaffMember(rows[index]!)
}

/**
 * Adds a chain owner (`npm run owner`). Their PIN must differ from every other active owner's and every active
 * member's of any store (PIN_IN_USE), so no login is ever ambiguous.
 */
export async function createOwner (root: Db, owner: { name: string, pin: string }): Promise<StaffMember> {
  return staffWrite(root, async root => {
    const everyone = await root.selectFrom('staff').selectAll().where('disabled_at', 'is', null).execute()
    if (await firstMatch(everyone, owner.pin)) throw new PinInUseError()
    const row = {
      id: newId('stf'),
      name: owner.name.trim(),
      role: StaffRoleEnum.OWNER,
      pin_hash: await hashPin(owner.pin),
      created_at: nowIso(),
      disabled_at: null,
      store_id: null,
    }
    await root.insertInto('staff').values(row).execute()
    return toStaffMember(row)
  })
}

/** ROOT handle: moves the session of `token` to another store (an owner's switch); false when it has ended. */
export async function moveSessionToStore (root: Db, token: string, storeId: string, now = Date.now()): Promise<boolean> {
  const result = await root.updateTable('staff_sessions').set({ store_id: storeId })
    .where('token_hash', '=', sha256(token)).where('expires_at', '>', nowIso(now)).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
