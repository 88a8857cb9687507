// A small seeded random source, so every dish draws the same picture on every server.

export interface Rng {
  /** 0 ≤ x < 1 */
  next: () => number
  range: (min: number, max: number) => number
  int: (min: number, max: number) => number
  pick: <T>(values: readonly T[]) => T
  chance: (probability: number) => boolean
}

/** FNV-1a: spreads similar ids ("dish_a", "dish_b") to unrelated seeds. */
function hash (text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: tiny, fast and good enough for scattering rice grains. */
export function createRng (seed: string): Rng {
  let state = hash(seed)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const range = (min: number, max: number): number => min + (max - min) * next()
  return {
    next,
    range,
    int: (min, max) => Math.floor(range(min, max + 1)),
    pick: values => values[Math.floor(next() * values.length)]!,
    chance: probability => next() < probability,
  }
}
