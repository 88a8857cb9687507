// Minimal SVG writing helpers: attributes, elements, smooth closed shapes and shared gradients.
import type { Rng } from './random.js'

export type Point = readonly [number, number]
type AttrValue = string | number | undefined

/** One decimal is plenty for a 480 × 360 picture and keeps the file small. */
export function num (value: number): string {
  return String(Math.round(value * 10) / 10)
}

export function el (tag: string, attributes: Record<string, AttrValue>, children = ''): string {
  const attrText = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : value}"`)
    .join('')
  return children ? `<${tag}${attrText}>${children}</${tag}>` : `<${tag}${attrText}/>`
}

export function group (children: string, attributes: Record<string, AttrValue> = {}): string {
  return el('g', attributes, children)
}

export function rotateAt (angle: number, x: number, y: number): string {
  return `rotate(${num(angle)} ${num(x)} ${num(y)})`
}

/** A smooth closed path through the points (Catmull-Rom turned into cubic Béziers). */
export function closedCurve (points: readonly Point[]): string {
  const count = points.length
  const at = (i: number) => points[(i + count) % count]!
  let d = `M${num(at(0)[0])} ${num(at(0)[1])}`
  for (let i = 0; i < count; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)]
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6]
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6]
    d += `C${num(c1[0])} ${num(c1[1])} ${num(c2[0])} ${num(c2[1])} ${num(p2[0])} ${num(p2[1])}`
  }
  return `${d}Z`
}

/** Points around an irregular oval: the outline of a chunk of meat, a tofu cube, a leaf of egg. */
export function blobPoints (rng: Rng, cx: number, cy: number, rx: number, ry: number, angle: number, jitter: number, count = 8): Point[] {
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  return Array.from({ length: count }, (_, i) => {
    const t = (i / count) * Math.PI * 2
    const k = 1 + rng.range(-jitter, jitter)
    const x = Math.cos(t) * rx * k
    const y = Math.sin(t) * ry * k
    return [cx + x * cos - y * sin, cy + x * sin + y * cos] as const
  })
}

/** Mixes two #rrggbb colours; `amount` 0 keeps the first. */
export function mix (a: string, b: string, amount: number): string {
  const channel = (color: string, i: number) => parseInt(color.slice(1 + i * 2, 3 + i * 2), 16)
  const out = [0, 1, 2].map(i => Math.round(channel(a, i) * (1 - amount) + channel(b, i) * amount))
  return `#${out.map(value => value.toString(16).padStart(2, '0')).join('')}`
}

export const darker = (color: string, amount = 0.25): string => mix(color, '#000000', amount)
export const lighter = (color: string, amount = 0.3): string => mix(color, '#ffffff', amount)

/** Collects gradients and filters used by the picture and hands out their ids. */
export class Defs {
  private readonly parts: string[] = []
  private readonly known = new Map<string, string>()

  private add (key: string, make: (id: string) => string): string {
    const existing = this.known.get(key)
    if (existing) return `url(#${existing})`
    const id = `d${this.known.size}`
    this.known.set(key, id)
    this.parts.push(make(id))
    return `url(#${id})`
  }

  /** A radial gradient lit from the upper left, like a lamp over the table. */
  radial (inner: string, outer: string, focus: Point = [0.35, 0.3]): string {
    return this.add(`r${inner}${outer}${focus.join()}`, id => el('radialGradient', { id, cx: focus[0], cy: focus[1], r: 0.85 },
      el('stop', { offset: 0, 'stop-color': inner }) + el('stop', { offset: 1, 'stop-color': outer })))
  }

  linear (stops: readonly string[], vertical = true): string {
    return this.add(`l${stops.join()}${vertical}`, id => el('linearGradient', { id, x1: 0, y1: 0, x2: vertical ? 0 : 1, y2: vertical ? 1 : 0 },
      stops.map((color, i) => el('stop', { offset: stops.length === 1 ? 0 : i / (stops.length - 1), 'stop-color': color })).join('')))
  }

  blur (deviation: number): string {
    return this.add(`b${deviation}`, id => el('filter', { id, x: '-20%', y: '-20%', width: '140%', height: '140%' },
      el('feGaussianBlur', { stdDeviation: deviation })))
  }

  /** A clip path; the same outline is reused. */
  clip (d: string): string {
    return this.add(`c${d}`, id => el('clipPath', { id }, el('path', { d })))
  }

  toString (): string {
    return this.parts.length > 0 ? el('defs', {}, this.parts.join('')) : ''
  }
}
