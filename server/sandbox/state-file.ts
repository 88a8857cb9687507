// The emulator's memory across restarts: trades, locked out_trade_nos and known open ids, as a journal.
//
// The file is JSON lines. The first is a whole snapshot (`{"version":1,"trades":…,"locked":…,"openIds":…}`,
// which is also the format of the older whole-file saves, so those load as a journal with no changes);
// each later line is one change: a trade as it now is, an out_trade_no locked, or a new open id. A change
// costs one append the size of that trade, however many trades there are; the journal is compacted
// into a fresh snapshot when the emulator starts and whenever it has grown well past the snapshot.
//
// Appends are not fsynced. They reach the kernel before the gateway answers, so they survive the
// process dying or restarting, which is what an emulator's state is for (reconciliation after a
// restart meets the trades it made); power loss may drop the newest lines, as it could drop the
// whole-file saves before, and a line cut short is ignored on load. Compaction is fsynced before
// its rename, so it can never lose the state it replaces.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { TradeSnapshot } from './trade-service.js'
import type { Trade } from './trades.js'

const VERSION = 1

/** Compact when the changes appended exceed this many times the last snapshot (plus a floor). */
const COMPACT_GROWTH = 4
const COMPACT_FLOOR_BYTES = 1024 * 1024

export interface SandboxState extends TradeSnapshot {
  /** [open_id, user_id] pairs, so trade.create by open id still finds its buyer after a restart. */
  openIds: Array<[string, string]>
}

/** One line after the snapshot. */
export type StateChange =
  | { trade: Trade }
  | { locked: string }
  | { openId: [string, string] }

const isStringPair = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every(item => typeof item === 'string')

const isStringPairs = (value: unknown): value is Array<[string, string]> => Array.isArray(value) && value.every(isStringPair)

function notAState (path: string, detail: string): Error {
  return new Error(`sandbox: ${path} is not a sandbox state file of version ${VERSION} (${detail})`)
}

/** undefined when there is no file yet; a file that cannot be read is an error, not an empty emulator. */
export function loadState (path: string): SandboxState | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const lines = text.split('\n')
  // Text after the last newline is an append the process died in the middle of: never answered, dropped.
  // The snapshot line is exempt: it is only ever written whole (renamed into place), so a cut one is damage.
  const complete = lines.length > 1 ? lines.slice(0, -1) : lines
  const parse = (line: string, index: number): unknown => {
    try {
      return JSON.parse(line)
    } catch {
      throw notAState(path, `line ${index + 1} is not JSON`)
    }
  }
  const head = parse(complete[0] ?? '', 0) as { version?: unknown, trades?: unknown, locked?: unknown, openIds?: unknown }
  if (head === null || typeof head !== 'object' || head.version !== VERSION || !Array.isArray(head.trades) || !Array.isArray(head.locked) || !isStringPairs(head.openIds)) {
    throw notAState(path, 'bad snapshot')
  }
  const trades = new Map<string, Trade>()
  for (const trade of head.trades as Trade[]) trades.set(trade.outTradeNo, trade)
  const locked = new Set(head.locked.map(String))
  const openIds = new Map(head.openIds)
  complete.slice(1).forEach((line, offset) => {
    if (line === '') return
    const change = parse(line, offset + 1) as Partial<Record<'trade' | 'locked' | 'openId', unknown>>
    if (change.trade !== undefined && typeof (change.trade as Trade).outTradeNo === 'string') {
      const trade = change.trade as Trade
      trades.set(trade.outTradeNo, trade)
    } else if (typeof change.locked === 'string') {
      locked.add(change.locked)
    } else if (isStringPair(change.openId)) {
      openIds.set(change.openId[0], change.openId[1])
    } else {
      throw notAState(path, `line ${offset + 2} is no change`)
    }
  })
  return { trades: [...trades.values()], locked: [...locked], openIds: [...openIds] }
}

/** Writes `state` as the whole file (a one-line journal): temporary file, fsync, rename. */
export function saveState (path: string, state: SandboxState): number {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  const text = JSON.stringify({ version: VERSION, ...state }) + '\n'
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
  return Buffer.byteLength(text)
}

/** The open journal: changes appended as they happen, compacted from `snapshot` when it has grown. */
export class StateJournal {
  readonly #path: string
  readonly #snapshot: () => SandboxState
  #fd: number | null = null
  #snapshotBytes = 0
  #appendedBytes = 0

  /** Compacts what is there now (`snapshot()`, the state just loaded) and opens the file for appends. */
  constructor (path: string, snapshot: () => SandboxState) {
    this.#path = path
    this.#snapshot = snapshot
    this.#compact()
  }

  /** One write for the whole batch, so a burst of changes in one call costs one system call. */
  append (changes: readonly StateChange[]): void {
    if (this.#fd === null || changes.length === 0) return
    const text = changes.map(change => JSON.stringify(change)).join('\n') + '\n'
    const bytes = Buffer.from(text)
    let written = 0
    while (written < bytes.length) written += writeSync(this.#fd, bytes, written)
    this.#appendedBytes += bytes.length
    if (this.#appendedBytes > COMPACT_GROWTH * this.#snapshotBytes + COMPACT_FLOOR_BYTES) this.#compact()
  }

  close (): void {
    if (this.#fd !== null) closeSync(this.#fd)
    this.#fd = null
  }

  #compact (): void {
    this.close()
    this.#snapshotBytes = saveState(this.#path, this.#snapshot())
    this.#appendedBytes = 0
    this.#fd = openSync(this.#path, 'a', 0o600)
  }
}
