// A seeded pseudo-random source: the same seed always makes the same history (tests, benchmarks, demos
// that can be described). Not for anything secret: ids made here only need to be unique within the file.
// The generator itself (mulberry32, next/int/chance/pick) is the failure drill's; this adds what a history draws.
import { Random as SeededRandom } from '../../drill/random.js'

export class Random extends SeededRandom {
  /** An item drawn with probability proportional to its weight. */
  weighted<T> (items: readonly T[], weightOf: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weightOf(item), 0)
    let left = this.next() * total
    for (const item of items) {
      left -= weightOf(item)
      if (left < 0) return item
    }
    return items[items.length - 1]!
  }

  /** Roughly normal (sum of uniforms): mean 0, standard deviation 1, never beyond ±3. */
  gaussian (): number {
    let sum = 0
    for (let i = 0; i < 6; i++) sum += this.next()
    return (sum - 3) * Math.SQRT2
  }

  /** `count` lowercase hex digits. */
  hex (count: number): string {
    let out = ''
    while (out.length < count) out += Math.floor(this.next() * 0x10000).toString(16).padStart(4, '0')
    return out.slice(0, count)
  }

  digits (count: number): string {
    let out = ''
    while (out.length < count) out += String(Math.floor(this.next() * 10_000)).padStart(4, '0')
    return out.slice(0, count)
  }

  /** An id shaped like newId()'s (`ord_` + 24 hex digits), so it is also a valid out_trade_no. */
  id (prefix: string): string {
    return `${prefix}_${this.hex(24)}`
  }

  override uuid (): string {
    const h = this.hex(32)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }
}
