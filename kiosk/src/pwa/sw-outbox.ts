// Background Sync replay, run by the service worker: delivers the outbox's orders even with no page open.
// The page owns the outbox: the worker only sends (the same clientOrderId makes a second send harmless)
// and never removes an entry, so the page still gets the server's answer and moves on to payment.
import { Stores, database } from '@/db/database'

export interface ReplayOutcome {
  sent: number
  refused: number
}

/** Thrown while the server cannot be reached, so the browser schedules the sync again. */
export class ReplayPostponedError extends Error {
  override readonly name = 'ReplayPostponedError'
}

function retryable (status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** Sends every waiting order once, oldest first; stops and throws at the first "not now". */
export async function replayOutbox (send: typeof fetch = fetch): Promise<ReplayOutcome> {
  const entries = await (await database()).getAllFromIndex(Stores.OUTBOX, 'byCreatedAt')
  const outcome: ReplayOutcome = { sent: 0, refused: 0 }
  for (const entry of entries) {
    let response: Response
    try {
      response = await send('/api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(entry.body),
      })
    } catch (error) {
      throw new ReplayPostponedError(`no answer: ${String(error)}`)
    }
    if (retryable(response.status)) throw new ReplayPostponedError(`server answered ${response.status}`)
    // A refusal (sold out, unpaired tablet) is the page's to explain; it gets the same answer itself.
    if (response.ok) outcome.sent += 1
    else outcome.refused += 1
  }
  return outcome
}
