// Retrying as the kiosk's outbox does: growing pauses, until an answer that settles the question or a cap.
import type { HttpResult } from './http-client.js'

export const sleep = (ms: number): Promise<void> => new Promise(resolveSleep => setTimeout(resolveSleep, ms))

/** Connection refused or cut (a killed server), or a 5xx: try again. 4xx and 2xx are answers. */
export function isAnswer (result: HttpResult): result is Extract<HttpResult, { ok: true }> {
  return result.ok && result.status < 500
}

export async function retryUntil (
  attempt: () => Promise<HttpResult>,
  done: (result: HttpResult) => boolean,
  capMs = 180_000,
): Promise<HttpResult> {
  const deadline = Date.now() + capMs
  let pause = 200
  for (;;) {
    const result = await attempt()
    if (done(result) || Date.now() > deadline) return result
    await sleep(pause)
    pause = Math.min(2000, Math.round(pause * 1.6))
  }
}
