// A fingerprint of every table, to prove hostile traffic changed nothing.
//
// What "changed" means: any row added, removed or altered in any table, with three exceptions that
// legitimate handling of hostile traffic writes by design —
//   - alerts of kind notification-bad-signature: a forged notification is recorded for staff;
//   - devices.last_seen_at, app_version and unsent_orders: what an authenticated tablet reports about
//     itself on every request (presence and diagnostics), whatever else the request carries;
//   - staff_sessions: none is expected to change, but expiry sliding would be legitimate; rows are
//     still counted, so a login or logout that went through is caught.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { DATABASE_FILE } from '../../src/db/database.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'

const IGNORED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  devices: ['last_seen_at', 'app_version', 'unsent_orders'],
  staff_sessions: ['expires_at'],
}
const IGNORED_ROWS: Readonly<Record<string, (row: Record<string, unknown>) => boolean>> = {
  alerts: row => row.kind === AlertKindEnum.NOTIFICATION_BAD_SIGNATURE,
}

export interface TableFingerprint { rows: number, hash: string }
export type Snapshot = Record<string, TableFingerprint>

export function snapshot (dataDir: string): Snapshot {
  const db = new SQLite(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map(t => t.name)
    const result: Snapshot = {}
    for (const table of tables) {
      const rows = (db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Array<Record<string, unknown>>)
        .filter(row => !(IGNORED_ROWS[table]?.(row) ?? false))
      const hash = createHash('sha256')
      for (const row of rows) {
        for (const column of IGNORED_COLUMNS[table] ?? []) delete row[column]
        hash.update(JSON.stringify(row, (_key, value: unknown) => Buffer.isBuffer(value) ? value.toString('base64') : value))
        hash.update('\n')
      }
      result[table] = { rows: rows.length, hash: hash.digest('hex').slice(0, 16) }
    }
    return result
  } finally {
    db.close()
  }
}

/** One line per table that differs. */
export function differences (before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  const lines: string[] = []
  for (const name of names) {
    const a = before[name]
    const b = after[name]
    if (a?.rows !== b?.rows || a?.hash !== b?.hash) lines.push(`${name}: ${a?.rows ?? 'absent'} rows → ${b?.rows ?? 'absent'} rows${a?.rows === b?.rows ? ' (contents changed)' : ''}`)
  }
  return lines
}
