// Drinks and glass desserts seen from the side: the glass, its liquid, ice, pearls, foam and garnish.
import type { Rng } from './random.js'
import type { GlassArt } from './spec.js'
import { type Defs, darker, el, lighter, num } from './svg.js'

interface Shape { top: number, bottom: number, topHalf: number, bottomHalf: number }

const SHAPES: Readonly<Record<Exclude<GlassArt['shape'], 'coupe'>, Shape>> = {
  tumbler: { top: 78, bottom: 318, topHalf: 92, bottomHalf: 70 },
  tall: { top: 46, bottom: 326, topHalf: 72, bottomHalf: 58 },
  pint: { top: 52, bottom: 326, topHalf: 86, bottomHalf: 64 },
}

const CX = 240

/** Half the glass's width at height y (straight, tapered sides). */
function halfAt (shape: Shape, y: number): number {
  const t = (y - shape.top) / (shape.bottom - shape.top)
  return shape.topHalf + (shape.bottomHalf - shape.topHalf) * t
}

function outline (shape: Shape): string {
  return `M${CX - shape.topHalf} ${shape.top}L${CX - shape.bottomHalf} ${shape.bottom - 10}Q${CX - shape.bottomHalf} ${shape.bottom} ${CX - shape.bottomHalf + 10} ${shape.bottom}` +
    `L${CX + shape.bottomHalf - 10} ${shape.bottom}Q${CX + shape.bottomHalf} ${shape.bottom} ${CX + shape.bottomHalf} ${shape.bottom - 10}L${CX + shape.topHalf} ${shape.top}Z`
}

function contents (defs: Defs, rng: Rng, art: GlassArt, shape: Shape): string {
  const surface = shape.bottom - (shape.bottom - shape.top - 14) * art.fill
  const clip = defs.clip(outline(shape))
  let inside = el('rect', { x: CX - shape.topHalf, y: surface, width: shape.topHalf * 2, height: shape.bottom - surface, fill: defs.linear(art.liquid) })
  for (let i = 0; i < (art.pearls ?? 0); i++) {
    const y = shape.bottom - 12 - Math.floor(i / 9) * 15 - rng.range(0, 4)
    const half = halfAt(shape, y) - 10
    inside += el('circle', { cx: CX + rng.range(-half, half), cy: y, r: 7, fill: '#2b1a12', stroke: '#4a3024', 'stroke-width': 1 }) +
      el('circle', { cx: CX + rng.range(-half, half), cy: y - 2, r: 1.6, fill: '#fff', opacity: 0.4 })
  }
  if (art.sago) {
    for (let i = 0; i < 60; i++) {
      const y = rng.range(surface + 10, shape.bottom - 6)
      const half = halfAt(shape, y) - 6
      inside += el('circle', { cx: CX + rng.range(-half, half), cy: y, r: rng.range(2.5, 4), fill: '#ffffff', opacity: 0.75 })
    }
  }
  for (let i = 0; i < (art.ice ?? 0); i++) {
    const y = surface + rng.range(-6, 40) + Math.floor(i / 3) * 34
    const x = CX + ((i % 3) - 1) * 44 + rng.range(-8, 8)
    inside += el('rect', { x: x - 20, y: y - 18, width: 40, height: 36, rx: 7, fill: '#ffffff', opacity: 0.4, stroke: '#ffffff', 'stroke-width': 1.5, transform: `rotate(${num(rng.range(-20, 20))} ${num(x)} ${num(y)})` })
  }
  if (art.foam) {
    inside += el('rect', { x: CX - shape.topHalf, y: surface - 26, width: shape.topHalf * 2, height: 30, fill: art.foam })
    for (let x = CX - shape.topHalf; x < CX + shape.topHalf; x += 14) inside += el('circle', { cx: x + rng.range(0, 6), cy: surface - 26, r: rng.range(7, 11), fill: art.foam })
  }
  const surfaceLine = el('ellipse', { cx: CX, cy: surface, rx: halfAt(shape, surface) - 2, ry: 7, fill: lighter(art.liquid[0] ?? '#ffffff', 0.3), opacity: art.foam ? 0 : 0.8 })
  return el('g', { 'clip-path': clip }, inside + surfaceLine)
}

function garnish (rng: Rng, art: GlassArt, shape: Shape): string {
  switch (art.garnish) {
    case 'lemon': {
      const x = CX + shape.topHalf - 10
      const y = shape.top + 4
      let segments = ''
      for (let i = 0; i < 8; i++) segments += el('path', { d: `M${x} ${y}l${num(Math.cos(i * 0.785) * 26)} ${num(Math.sin(i * 0.785) * 26)}`, stroke: '#fffbe0', 'stroke-width': 2 })
      return el('circle', { cx: x, cy: y, r: 34, fill: '#f5d533' }) + el('circle', { cx: x, cy: y, r: 28, fill: '#fbe98a' }) + segments
    }
    case 'mint':
      return [-20, 0, 18].map((dx, i) => el('ellipse', { cx: CX + dx, cy: shape.top + 2 - i * 4, rx: 18, ry: 9, fill: i % 2 ? '#3f9a3a' : '#58b24a', transform: `rotate(${-30 + i * 30} ${CX + dx} ${shape.top})` })).join('')
    case 'osmanthus': {
      let out = ''
      for (let i = 0; i < 14; i++) out += el('circle', { cx: CX + rng.range(-shape.topHalf + 16, shape.topHalf - 16), cy: shape.top + 30 + rng.range(0, 40), r: 3, fill: '#f2a93b' })
      return out
    }
    case 'mango': {
      let out = ''
      for (let i = 0; i < 7; i++) {
        const x = CX + rng.range(-70, 70)
        const y = shape.top + rng.range(-8, 14)
        out += el('rect', { x: x - 14, y: y - 14, width: 28, height: 28, rx: 6, fill: '#f7a823', stroke: '#e38a12', 'stroke-width': 1.5, transform: `rotate(${num(rng.range(-25, 25))} ${num(x)} ${num(y)})` })
      }
      return out
    }
    default:
      return ''
  }
}

function straw (art: GlassArt, shape: Shape): string {
  if (!art.straw) return ''
  return el('rect', { x: CX + 12, y: shape.top - 70, width: 16, height: shape.bottom - shape.top + 40, rx: 5, fill: art.straw, transform: `rotate(12 ${CX + 20} ${shape.top})` })
}

function tapered (defs: Defs, rng: Rng, art: GlassArt, shape: Shape): string {
  const d = outline(shape)
  return el('ellipse', { cx: CX + 10, cy: shape.bottom + 6, rx: shape.bottomHalf + 26, ry: 14, fill: '#000', opacity: 0.35, filter: defs.blur(6) }) +
    straw(art, shape) +
    el('path', { d, fill: '#ffffff', opacity: 0.14 }) +
    contents(defs, rng, art, shape) +
    el('path', { d: `M${CX - shape.topHalf + 12} ${shape.top + 14}L${CX - shape.bottomHalf + 10} ${shape.bottom - 20}`, stroke: '#ffffff', 'stroke-width': 7, opacity: 0.35, 'stroke-linecap': 'round' }) +
    el('path', { d, fill: 'none', stroke: '#ffffff', 'stroke-width': 3, opacity: 0.7 }) +
    el('ellipse', { cx: CX, cy: shape.top, rx: shape.topHalf, ry: 8, fill: 'none', stroke: '#ffffff', 'stroke-width': 2.5, opacity: 0.8 }) +
    garnish(rng, art, shape)
}

/** A footed dessert glass: a wide bowl on a short stem. */
function coupe (defs: Defs, rng: Rng, art: GlassArt): string {
  const bowl = `M120 110Q120 268 240 270Q360 268 360 110Z`
  const surface = 270 - 150 * art.fill
  let inside = el('rect', { x: 110, y: surface, width: 260, height: 170, fill: defs.linear(art.liquid) })
  if (art.sago) {
    for (let i = 0; i < 55; i++) inside += el('circle', { cx: rng.range(135, 345), cy: rng.range(surface + 8, 262), r: rng.range(2.5, 4), fill: '#ffffff', opacity: 0.75 })
  }
  const shape: Shape = { top: surface - 4, bottom: 270, topHalf: 110, bottomHalf: 60 }
  return el('ellipse', { cx: 250, cy: 334, rx: 90, ry: 14, fill: '#000', opacity: 0.35, filter: defs.blur(6) }) +
    el('ellipse', { cx: 240, cy: 328, rx: 70, ry: 12, fill: '#ffffff', opacity: 0.35, stroke: '#ffffff', 'stroke-width': 2 }) +
    el('rect', { x: 232, y: 268, width: 16, height: 60, fill: '#ffffff', opacity: 0.3 }) +
    el('path', { d: bowl, fill: '#ffffff', opacity: 0.14 }) +
    el('g', { 'clip-path': defs.clip(bowl) }, inside + el('ellipse', { cx: 240, cy: surface, rx: 118, ry: 10, fill: lighter(art.liquid[0] ?? '#ffffff', 0.3) })) +
    garnish(rng, art, shape) +
    el('path', { d: 'M136 130Q140 230 200 256', stroke: '#ffffff', 'stroke-width': 7, fill: 'none', opacity: 0.35, 'stroke-linecap': 'round' }) +
    el('path', { d: bowl, fill: 'none', stroke: '#ffffff', 'stroke-width': 3, opacity: 0.7 }) +
    el('ellipse', { cx: 240, cy: 110, rx: 120, ry: 12, fill: 'none', stroke: darker('#ffffff', 0.05), 'stroke-width': 2.5, opacity: 0.8 })
}

export function drawGlass (defs: Defs, rng: Rng, art: GlassArt): string {
  return art.shape === 'coupe' ? coupe(defs, rng, art) : tapered(defs, rng, art, SHAPES[art.shape])
}
