// Every timer the emulator starts, so that closing the server stops them all at once.
const MAX_TIMER_MS = 2_147_483_647

export class Scheduler {
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #waiters = new Set<() => void>()
  #stopped = false

  get stopped (): boolean {
    return this.#stopped
  }

  /** Runs `fn` after `ms` (long delays are chained past setTimeout's 24.8-day limit); nothing after stop(). */
  after (ms: number, fn: () => void): () => void {
    if (this.#stopped) return () => {}
    let timer: NodeJS.Timeout
    let cancelled = false
    const arm = (remaining: number): void => {
      const step = Math.min(Math.max(remaining, 0), MAX_TIMER_MS)
      timer = setTimeout(() => {
        this.#timers.delete(timer)
        if (cancelled || this.#stopped) return
        if (remaining > step) arm(remaining - step)
        else fn()
      }, step)
      this.#timers.add(timer)
    }
    arm(ms)
    return () => {
      cancelled = true
      clearTimeout(timer)
      this.#timers.delete(timer)
    }
  }

  /** Resolves after `ms`, or at once when the emulator stops; true when it stopped. */
  sleep (ms: number): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(true)
    if (ms <= 0) return Promise.resolve(false)
    return new Promise(resolve => {
      const wake = (): void => {
        this.#waiters.delete(wake)
        resolve(true)
      }
      this.#waiters.add(wake)
      this.after(ms, () => {
        this.#waiters.delete(wake)
        resolve(false)
      })
    })
  }

  stop (): void {
    this.#stopped = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    for (const wake of [...this.#waiters]) wake()
  }
}
