// What the simulated clients saw of the server: answers by status, lost connections, and server errors.
import type { HttpResult } from './http-client.js'

export class TrafficStats {
  requests = 0
  /** No answer: refused while the server was down, or cut by a kill. */
  noAnswer = 0
  readonly byStatus = new Map<number, number>()
  /** 5xx answers other than 503 (the gateway-unavailable answer a diner is told to retry). */
  readonly serverErrors: string[] = []

  record (label: string, result: HttpResult): HttpResult {
    this.requests++
    if (!result.ok) {
      this.noAnswer++
      return result
    }
    this.byStatus.set(result.status, (this.byStatus.get(result.status) ?? 0) + 1)
    if (result.status >= 500 && result.status !== 503) this.serverErrors.push(`${label} → ${result.status} ${result.text.slice(0, 200)}`)
    return result
  }
}
