// What every scenario of a run shares: settings, folders, the running Tablepad and its tablets, the rows so far.
import type { Row } from './report.js'
import type { Settings } from './settings.js'
import type { MenuDish, Tablepad, Tablet } from './tablepad.js'
import { rssMiB } from './processes.js'

export interface Context {
  settings: Settings
  /** The project root. */
  root: string
  /** bench-results/.work: compiled baselines, the minimal app's build, files handed to baselines (not committed). */
  workDir: string
  tablepad: Tablepad
  orderTablets: Tablet[]
  sseTablets: Tablet[]
  /** A dish with no required choice, ordered by every order. */
  dish: MenuDish
  /** Another dish, switched sold out and back for the fan-out. */
  toggledDishId: string
  rows: Row[]
  /** Raw figures, written to the JSON. */
  figures: Record<string, unknown>
}

const started = Date.now()

/** Progress on stderr, with the seconds since the start; the table alone goes to stdout. */
export function log (message: string): void {
  process.stderr.write(`bench ${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s: ${message}\n`)
}

/** VmRSS once it has stopped moving (two readings 250 ms apart within 0.5 MiB), polled for at most 5 s. */
export async function settledRss (pid: number): Promise<number> {
  let last = rssMiB(pid)
  for (let i = 0; i < 20; i++) {
    await new Promise(resolveWait => setTimeout(resolveWait, 250))
    const now = rssMiB(pid)
    if (Math.abs(now - last) < 0.5) return now
    last = now
  }
  return last
}

/** "a / b": errors plus unexpected answers of Tablepad and of the baseline. */
export function errorCell (tablepad: { errors: number, unexpected: number }, baseline?: { errors: number, unexpected: number }): string {
  const count = (figures: { errors: number, unexpected: number }): number => figures.errors + figures.unexpected
  return baseline ? `${count(tablepad)} / ${count(baseline)}` : String(count(tablepad))
}
