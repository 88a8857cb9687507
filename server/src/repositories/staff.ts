// Staff members and their sessions: SQL for `staff` and `staff_sessions`, mapped to StaffMember.
import { inTransaction } from '../db/transaction.js'
import { databaseKind } from '../db/dialect.js'
import type { Db } from '../db/database.js'
import type { StaffRow } from '../db/schema.js'
import { hashPin, verifyPin } from '../lib/pin-hash.js'
import { newId, nowIso, sha256 } from '../lib/tokens.js'
import { LastManagerError, PinInUseError } from '../errors.js'
import { StaffRoleEnum, type StaffMember, type StaffRole } from '#shared/schemas/staff.js'

export interface NewStaffMember {
  name: string
  role: StaffRole
  pin: string
}

export interface StaffChanges {
  name?: string
  role?: StaffRole
  pin?: string
}

export function toStaffMember (row: Pick<StaffRow, 'id' | 'name' | 'role'>): StaffMember {
  return { id: row.id, name: row.name, role: row.role as StaffRole }
}

/**
 * Writes to staff are serialised per database: the PIN-in-use check hashes (async) before it
 * inserts, and two managers adding the same PIN at once must not both pass it.
 */
const writeLocks = new WeakMap<Db, Promise<unknown>>()

function serialised<T> (db: Db, task: () => Promise<T>): Promise<T> {
  const previous = writeLocks.get(db) ?? Promise.resolve()
  const next = previous.then(task, task)
  writeLocks.set(db, next.catch(() => undefined))
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
    const row: StaffRow = {
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
    const set: { name?: string, role?: StaffRole, pin_hash?: string } = {}
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

/** Starts a session; only the SHA-256 of `token` is stored. */
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

/** The enabled staff member whose unexpired session `token` is, else null. */
export async function findStaffBySessionToken (db: Db, token: string, now = Date.now()): Promise<StaffMember | null> {
  const row = await db.selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select(['staff.id', 'staff.name', 'staff.role'])
    .where('staff_sessions.token_hash', '=', sha256(token))
    .where('staff_sessions.expires_at', '>', nowIso(now))
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst()
  return row ? toStaffMember(row) : null
}
