// A small closed-loop HTTP load generator: N workers each sending one request after another.
export interface LoadResult {
  requests: number
  seconds: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
}

export interface LoadOptions {
  concurrency: number
  durationMs: number
  /** Sends one request; resolves true when the answer is the expected one. */
  send: (worker: number, n: number) => Promise<boolean>
}

function percentile (sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
}

export async function runLoad (options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  const until = started + options.durationMs
  await Promise.all(Array.from({ length: options.concurrency }, async (_, worker) => {
    for (let n = 0; performance.now() < until; n++) {
      const t0 = performance.now()
      const ok = await options.send(worker, n).catch(() => false)
      latencies.push(performance.now() - t0)
      if (!ok) errors++
    }
  }))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors,
  }
}
