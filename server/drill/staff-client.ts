// The staff side of a drill: one manager logged in by PIN, pairing each tablet to a table.
import { cookieFrom, jsonOf, send, type HttpResult } from './http-client.js'
import { isAnswer, retryUntil } from './retry.js'
import type { TrafficStats } from './traffic-stats.js'

export interface Table { id: string, label: string }

export class StaffClient {
  private cookie = ''

  constructor (private readonly baseUrl: () => string, private readonly pin: string, private readonly stats: TrafficStats) {}

  private call (method: string, path: string, body?: unknown, localAddress?: string): Promise<HttpResult> {
    return send({
      method,
      url: `${this.baseUrl()}${path}`,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(localAddress === undefined ? {} : { localAddress }),
    }).then(result => this.stats.record(`${method} ${path.replace(/\/(dev|ord|pay)_[^/]+/, '/:id')}`, result))
  }

  async login (): Promise<void> {
    const result = await retryUntil(() => this.call('POST', '/api/staff/session', { pin: this.pin }, '127.0.0.2'), isAnswer)
    const cookie = cookieFrom(result, 'tp_staff')
    if (!cookie) throw new Error(`staff login failed: ${result.ok ? `${result.status} ${result.text}` : result.error}`)
    this.cookie = cookie
  }

  async tables (): Promise<Table[]> {
    const result = await retryUntil(() => this.call('GET', '/api/staff/tables'), isAnswer)
    const tables = jsonOf<Table[]>(result)
    if (!Array.isArray(tables) || tables.length === 0) throw new Error('no tables to pair tablets to')
    return tables
  }

  /**
   * Pairs by code. Sent from the tablet's own address: per-IP pairing limits are meant for one
   * waiter's phone, and a drill pairs a whole restaurant at once. The answer says whether it worked;
   * a lost answer is settled by the tablet looking at its own state.
   */
  async pair (pairingCode: string, tableId: string, localAddress: string): Promise<HttpResult> {
    return retryUntil(() => this.call('POST', '/api/staff/devices/pair', { pairingCode, tableId }, localAddress), isAnswer)
  }
}
