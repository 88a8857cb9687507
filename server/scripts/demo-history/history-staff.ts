// The staff who made the history's refunds: former members, disabled, so their names appear on the reports and
// Z-reports (a refund asked for by staff counts against sales) while nobody can log in as them and the server
// still creates its first manager from STAFF_PIN at the first start (it looks for active staff only).
import { randomBytes } from 'node:crypto'
import type SQLite from 'better-sqlite3'
import { hashPin } from '../../src/lib/pin-hash.js'

export const HISTORY_STAFF = [
  { id: 'staff_history_mei', name: 'Mei (history)', role: 'manager' },
  { id: 'staff_history_jun', name: 'Jun (history)', role: 'staff' },
] as const

/** Writes the former members once (a --force run finds them there), disabled at `disabledAt`. */
export async function writeHistoryStaff (sqlite: SQLite.Database, createdAt: string, disabledAt: string): Promise<void> {
  const insert = sqlite.prepare(`insert into staff (id, name, role, pin_hash, created_at, disabled_at)
    values (@id, @name, @role, @pin_hash, @created_at, @disabled_at) on conflict (id) do nothing`)
  for (const member of HISTORY_STAFF) {
    // A PIN nobody knows: disabled members are never asked for one, and the hash keeps the column's usual form.
    const pinHash = await hashPin(randomBytes(16).toString('hex'))
    insert.run({ ...member, pin_hash: pinHash, created_at: createdAt, disabled_at: disabledAt })
  }
}
