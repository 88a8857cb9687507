// The one poll-until of the server tests: waits on a condition, never a fixed sleep.

export interface PollOptions {
  /** Named in the error when time runs out. */
  what?: string
  timeoutMs?: number
  /** How often `check` runs. */
  everyMs?: number
}

/** Runs `check` until it returns something other than undefined, null or false, and returns that; fails after `timeoutMs`. */
export async function pollUntil<T> (check: () => T | undefined | null | false | Promise<T | undefined | null | false>, options: PollOptions = {}): Promise<T> {
  const { what = 'condition', timeoutMs = 5_000, everyMs = 20 } = options
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== null && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, everyMs))
  }
}
