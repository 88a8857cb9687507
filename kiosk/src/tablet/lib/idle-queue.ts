// Work that can wait until the first screen is up, done one piece per idle period: each chunk's evaluation and
// styles then make a short task of their own instead of one long one that blocks a diner's first tap.

/** Resolves when the page has nothing better to do (or soon, where requestIdleCallback is missing: older WebViews). */
export function whenIdle (timeoutMs = 2_000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => { resolve() }, { timeout: timeoutMs })
    else setTimeout(resolve, 200)
  })
}

/** Runs each task in an idle period of its own, one after the other; a failure is left to whoever needs it later. */
export async function inIdleTurns (tasks: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  for (const task of tasks) {
    await whenIdle()
    await task().catch(() => undefined)
  }
}
