// The short-lived download links the bill query hands out (Alipay's expire within a minute; these in five).
// The zip is built when the link is fetched, from the trades as they are then.
import { newToken } from '../ids.js'

export const BILL_LINK_TTL_MS = 5 * 60_000

export class BillLinks {
  readonly #links = new Map<string, { day: string, expiresAt: number }>()

  constructor (private readonly now: () => number) {}

  issue (day: string): string {
    const now = this.now()
    for (const [token, link] of this.#links) if (link.expiresAt <= now) this.#links.delete(token)
    const token = newToken()
    this.#links.set(token, { day, expiresAt: now + BILL_LINK_TTL_MS })
    return token
  }

  /** The day a link names, while it is valid. */
  dayOf (token: string): string | undefined {
    const link = this.#links.get(token)
    return link !== undefined && link.expiresAt > this.now() ? link.day : undefined
  }
}
