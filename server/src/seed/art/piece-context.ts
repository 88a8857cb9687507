// What every piece painter gets: where to draw, how big, which colours, and the shared tools.
import type { Rng } from './random.js'
import { type Defs, el } from './svg.js'

export interface PieceContext {
  rng: Rng
  defs: Defs
  x: number
  y: number
  size: number
  /** Degrees. */
  angle: number
  /** At least one colour; the first is the main one. */
  colors: readonly string[]
}

export type PiecePainter = (context: PieceContext) => string

/** The nth colour, falling back to the given default when the dish did not name one. */
export function color (context: PieceContext, index: number, fallback: string): string {
  return context.colors[index] ?? fallback
}

/** The same outline in translucent black, nudged down-right: pieces sit on the plate, not float. */
export function shadow (d: string, offset = 2.5, opacity = 0.22): string {
  return el('path', { d, fill: '#000', opacity, transform: `translate(${offset} ${offset * 1.3})` })
}

/** A soft white glint on the upper left of a glossy piece. */
export function glint (x: number, y: number, rx: number, ry: number, opacity = 0.35): string {
  return el('ellipse', { cx: x, cy: y, rx, ry, fill: '#fff', opacity, transform: `rotate(-30 ${Math.round(x)} ${Math.round(y)})` })
}
