// Draws food layers into a vessel's food area: liquids, sauces, noodles, rice and arranged pieces.
import type { PiecePainter } from './piece-context.js'
import { BASIC_PIECES } from './pieces-basic.js'
import { DIM_SUM_PIECES } from './pieces-dim-sum.js'
import { PRODUCE_PIECES } from './pieces-produce.js'
import type { Rng } from './random.js'
import type { Arrangement, FoodLayer, Piece, Region } from './spec.js'
import { type Defs, type Point, blobPoints, closedCurve, darker, el, lighter, num } from './svg.js'

const PAINTERS: Readonly<Record<Piece, PiecePainter>> = { ...BASIC_PIECES, ...PRODUCE_PIECES, ...DIM_SUM_PIECES }

interface Placement { x: number, y: number, angle: number }

/** A random point in a disc, uniform over its area. */
function inDisc (rng: Rng, cx: number, cy: number, radius: number): Point {
  const t = rng.range(0, Math.PI * 2)
  const r = Math.sqrt(rng.next()) * radius
  return [cx + Math.cos(t) * r, cy + Math.sin(t) * r]
}

/** Where each piece goes. Scatter keeps pieces apart (a few tries each) so they read as separate. */
function arrange (rng: Rng, mode: Arrangement, count: number, cx: number, cy: number, radius: number, size: number): Placement[] {
  const spin = rng.range(0, 360)
  switch (mode) {
    case 'center':
      return [{ x: cx, y: cy, angle: rng.range(-12, 12) }]
    case 'ring':
    case 'radial': {
      const offset = rng.range(0, Math.PI * 2)
      const turn = mode === 'ring' ? 90 : 0
      return Array.from({ length: count }, (_, i) => {
        const t = offset + (i / count) * Math.PI * 2
        return { x: cx + Math.cos(t) * radius, y: cy + Math.sin(t) * radius, angle: (t * 180) / Math.PI + turn }
      })
    }
    case 'fan':
      // Slices shingled along a gentle arc, each overlapping the next, as a cook lays them out.
      return Array.from({ length: count }, (_, i) => {
        const u = count === 1 ? 0 : -1 + (2 * i) / (count - 1)
        return { x: cx + u * radius, y: cy + (u * u - 0.4) * radius * 0.45, angle: 90 + u * 28 }
      })
    case 'row': {
      const tilt = rng.range(-35, -20)
      const dx = Math.cos((tilt * Math.PI) / 180)
      const dy = Math.sin((tilt * Math.PI) / 180)
      return Array.from({ length: count }, (_, i) => {
        const along = (i - (count - 1) / 2) * size * 1.25
        return { x: cx - dy * along, y: cy + dx * along, angle: tilt }
      })
    }
    case 'pile':
    case 'scatter': {
      const out: Placement[] = []
      const gap = mode === 'pile' ? size * 0.9 : size * 1.5
      for (let i = 0; i < count; i++) {
        let best: Point = inDisc(rng, cx, cy, radius)
        for (let attempt = 0; attempt < 12; attempt++) {
          const candidate = attempt === 0 ? best : inDisc(rng, cx, cy, radius)
          if (out.every(p => Math.hypot(p.x - candidate[0], p.y - candidate[1]) >= gap)) {
            best = candidate
            break
          }
        }
        out.push({ x: best[0], y: best[1], angle: spin + rng.range(0, 360) })
      }
      return out
    }
  }
}

function pool (defs: Defs, rng: Rng, region: Region, layer: Extract<FoodLayer, { kind: 'pool' }>): string {
  const r = region.r * (layer.fill ?? 1)
  let out = el('circle', { cx: region.cx, cy: region.cy, r, fill: defs.radial(lighter(layer.color, 0.18), darker(layer.color, 0.12), [0.4, 0.35]) })
  if (layer.oil) {
    for (let i = 0; i < 26; i++) {
      const [x, y] = inDisc(rng, region.cx, region.cy, r * 0.92)
      const size = rng.range(2, 7)
      out += el('ellipse', { cx: x, cy: y, rx: size, ry: size * 0.8, fill: layer.oil, opacity: 0.55 })
    }
  }
  // The lamp's reflection on the liquid.
  out += el('ellipse', { cx: region.cx - r * 0.35, cy: region.cy - r * 0.45, rx: r * 0.3, ry: r * 0.1, fill: '#fff', opacity: 0.18, transform: `rotate(-25 ${num(region.cx - r * 0.35)} ${num(region.cy - r * 0.45)})` })
  return out
}

function sauce (defs: Defs, rng: Rng, region: Region, layer: Extract<FoodLayer, { kind: 'sauce' }>): string {
  const [ax, ay] = layer.at ?? [0, 0]
  const cx = region.cx + ax * region.r
  const cy = region.cy + ay * region.r
  const r = region.r * (layer.size ?? 0.8)
  const d = closedCurve(blobPoints(rng, cx, cy, r, r * 0.9, rng.range(0, 6), 0.12, 12))
  return el('path', { d, fill: defs.radial(lighter(layer.color, 0.2), layer.color) }) +
    el('ellipse', { cx: cx - r * 0.3, cy: cy - r * 0.4, rx: r * 0.25, ry: r * 0.07, fill: '#fff', opacity: 0.25 })
}

/** Noodles as long, overlapping strokes with a darker edge, so they read as separate strands. */
function noodles (rng: Rng, region: Region, layer: Extract<FoodLayer, { kind: 'noodles' }>): string {
  const count = layer.count ?? 26
  const width = layer.width ?? 6
  const radius = region.r * (layer.spread ?? 0.8)
  let out = ''
  for (let i = 0; i < count; i++) {
    const points = Array.from({ length: 4 }, () => inDisc(rng, region.cx, region.cy, radius))
    const [p0, p1, p2, p3] = points as [Point, Point, Point, Point]
    const d = `M${num(p0[0])} ${num(p0[1])}C${num(p1[0])} ${num(p1[1])} ${num(p2[0])} ${num(p2[1])} ${num(p3[0])} ${num(p3[1])}`
    out += el('path', { d, fill: 'none', stroke: darker(layer.color, 0.22), 'stroke-width': width + 2, 'stroke-linecap': 'round' }) +
      el('path', { d, fill: 'none', stroke: layer.color, 'stroke-width': width, 'stroke-linecap': 'round' }) +
      el('path', { d, fill: 'none', stroke: lighter(layer.color, 0.45), 'stroke-width': width * 0.3, 'stroke-linecap': 'round', opacity: 0.8, transform: 'translate(-1 -1)' })
  }
  return out
}

/** A mound of rice, grain by grain; darker grains at the rim give the mound its shape. */
function rice (rng: Rng, region: Region, layer: Extract<FoodLayer, { kind: 'rice' }>): string {
  const [ax, ay] = layer.at ?? [0, 0]
  const cx = region.cx + ax * region.r
  const cy = region.cy + ay * region.r
  const radius = region.r * (layer.spread ?? 0.85)
  const base = layer.color ?? '#fbf8ef'
  let out = el('circle', { cx, cy, r: radius * 1.02, fill: darker(base, 0.08) })
  const count = layer.count ?? Math.round(radius * radius / 40)
  for (let i = 0; i < count; i++) {
    const [x, y] = inDisc(rng, cx, cy, radius)
    const edge = Math.hypot(x - cx, y - cy) / radius
    const bit = layer.bits && rng.chance(0.16) ? rng.pick(layer.bits) : null
    const fill = bit ?? (edge > 0.8 ? darker(base, 0.1) : lighter(base, rng.range(0, 0.4)))
    out += el('ellipse', { cx: x, cy: y, rx: bit ? 4.2 : 4.6, ry: bit ? 3.4 : 2.3, fill, stroke: bit ? darker(bit, 0.2) : '#e2dccb', 'stroke-width': 0.5, transform: `rotate(${num(rng.range(0, 180))} ${num(x)} ${num(y)})` })
  }
  return out
}

function pieces (defs: Defs, rng: Rng, region: Region, layer: Extract<FoodLayer, { kind: 'pieces' }>): string {
  const [ax, ay] = layer.at ?? [0, 0]
  const cx = region.cx + ax * region.r
  const cy = region.cy + ay * region.r
  const radius = region.r * (layer.spread ?? 0.7)
  const painter = PAINTERS[layer.piece]
  const colors = layer.colors ?? []
  return arrange(rng, layer.arrange ?? 'scatter', layer.count, cx, cy, radius, layer.size)
    .map(({ x, y, angle }) => painter({ rng, defs, x, y, size: layer.size * rng.range(0.88, 1.12), angle, colors }))
    .join('')
}

export function drawLayer (defs: Defs, rng: Rng, region: Region, layer: FoodLayer): string {
  switch (layer.kind) {
    case 'pool': return pool(defs, rng, region, layer)
    case 'sauce': return sauce(defs, rng, region, layer)
    case 'noodles': return noodles(rng, region, layer)
    case 'rice': return rice(rng, region, layer)
    case 'pieces': return pieces(defs, rng, region, layer)
  }
}
