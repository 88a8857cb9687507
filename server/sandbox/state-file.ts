// The emulator's memory across restarts: trades, locked out_trade_nos and known open ids, in one JSON file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { TradeSnapshot } from './trade-service.js'
import type { Trade } from './trades.js'

const VERSION = 1

export interface SandboxState extends TradeSnapshot {
  /** [open_id, user_id] pairs, so trade.create by open id still finds its buyer after a restart. */
  openIds: Array<[string, string]>
}

const isStringPairs = (value: unknown): value is Array<[string, string]> =>
  Array.isArray(value) && value.every(pair => Array.isArray(pair) && pair.length === 2 && pair.every(item => typeof item === 'string'))

/** undefined when there is no file yet; a file that cannot be read is an error, not an empty emulator. */
export function loadState (path: string): SandboxState | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const data = JSON.parse(text) as { version?: unknown, trades?: unknown, locked?: unknown, openIds?: unknown }
  if (data.version !== VERSION || !Array.isArray(data.trades) || !Array.isArray(data.locked) || !isStringPairs(data.openIds)) {
    throw new Error(`sandbox: ${path} is not a sandbox state file of version ${VERSION}`)
  }
  return { trades: data.trades as Trade[], locked: data.locked.map(String), openIds: data.openIds }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function saveState (path: string, state: SandboxState): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify({ version: VERSION, ...state }), { mode: 0o600 })
  renameSync(temporary, path)
}
