// The people who order from their phones: a fixed pool of Alipay users, a few regulars who come back often and
// many who come once or twice. Diners are hashed with the server's own salt and function (server/src/diners/).
import { dinerIdHash } from '../../src/diners/diner-hash.js'
import type { DinerRecord } from './records.js'
import type { Random } from './random.js'

interface PoolDiner {
  userId: string
  /** How likely this person is to be the next phone diner: regulars far more than the rest. */
  weight: number
  record: DinerRecord | null
}

export class DinerPool {
  readonly #diners: PoolDiner[]
  readonly #salt: string
  readonly #random: Random
  /** Diners seen for the first time since the last drain: their rows go in before their orders. */
  #fresh: DinerRecord[] = []

  constructor (random: Random, size: number, salt: string) {
    this.#random = random
    this.#salt = salt
    this.#diners = Array.from({ length: size }, () => ({
      userId: `2088${random.digits(12)}`,
      weight: random.chance(0.08) ? 12 : random.chance(0.3) ? 2 : 0.6,
      record: null,
    }))
  }

  /** `count` different people sitting at one table, each a diner row from their first order on. */
  seat (count: number, at: string): DinerRecord[] {
    const chosen = new Set<PoolDiner>()
    while (chosen.size < count) chosen.add(this.#random.weighted(this.#diners, diner => chosen.has(diner) ? 0 : diner.weight))
    return [...chosen].map(diner => {
      if (diner.record === null) {
        diner.record = { id: this.#random.id('din'), alipay_user_id: diner.userId, created_at: at, id_hash: dinerIdHash(this.#salt, diner.userId), last_seen_at: at }
        this.#fresh.push(diner.record)
      }
      diner.record.last_seen_at = at
      return diner.record
    })
  }

  /** The diners first seen since the last call. */
  drainFresh (): DinerRecord[] {
    const fresh = this.#fresh
    this.#fresh = []
    return fresh
  }

  /** Every diner who ever ordered, as they are after the last day. */
  records (): DinerRecord[] {
    return this.#diners.flatMap(diner => diner.record ? [diner.record] : [])
  }
}
