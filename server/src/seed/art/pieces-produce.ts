// Painters for produce, eggs and garnishes: corn, sausage, eggs, tomato, fruit, shrimp, fungus, flowers.
import { type PiecePainter, color, glint, shadow } from './piece-context.js'
import { blobPoints, closedCurve, darker, el, group, lighter, num, rotateAt } from './svg.js'

const rad = (degrees: number) => degrees * Math.PI / 180

/** A round of corn on the cob, seen from the cut side: rows of kernels around the core. */
const corn: PiecePainter = c => {
  const main = color(c, 0, '#f2c230')
  let kernels = ''
  for (let ring = 0; ring < 2; ring++) {
    const radius = c.size * (0.48 + ring * 0.36)
    const count = 8 + ring * 6
    for (let i = 0; i < count; i++) {
      const t = (i / count) * Math.PI * 2 + ring * 0.2
      kernels += el('circle', { cx: c.x + Math.cos(t) * radius, cy: c.y + Math.sin(t) * radius, r: c.size * 0.2, fill: lighter(main, 0.15), stroke: darker(main, 0.15), 'stroke-width': 0.6 })
    }
  }
  return el('circle', { cx: c.x + 2.5, cy: c.y + 3, r: c.size * 1.05, fill: '#000', opacity: 0.2 }) +
    el('circle', { cx: c.x, cy: c.y, r: c.size * 1.05, fill: main }) + kernels +
    el('circle', { cx: c.x, cy: c.y, r: c.size * 0.28, fill: '#f6e7b0' })
}

/** Cantonese sausage, sliced on the bias: dark red with flecks of fat. */
const sausage: PiecePainter = c => {
  const main = color(c, 0, '#a8322a')
  let flecks = ''
  for (let i = 0; i < 6; i++) {
    flecks += el('circle', { cx: c.x + c.rng.range(-0.55, 0.55) * c.size, cy: c.y + c.rng.range(-0.4, 0.4) * c.size, r: c.size * c.rng.range(0.08, 0.14), fill: '#f3d6c0' })
  }
  return group(
    el('ellipse', { cx: c.x + 2, cy: c.y + 3, rx: c.size, ry: c.size * 0.72, fill: '#000', opacity: 0.2 }) +
    el('ellipse', { cx: c.x, cy: c.y, rx: c.size, ry: c.size * 0.72, fill: main, stroke: darker(main, 0.3), 'stroke-width': 1.5 }) + flecks,
    { transform: rotateAt(c.angle, c.x, c.y) },
  )
}

/** A soft-boiled or marinated egg, halved. */
const eggHalf: PiecePainter = c => group(
  el('ellipse', { cx: c.x + 2, cy: c.y + 3, rx: c.size * 1.15, ry: c.size * 0.85, fill: '#000', opacity: 0.2 }) +
  el('ellipse', { cx: c.x, cy: c.y, rx: c.size * 1.15, ry: c.size * 0.85, fill: color(c, 1, '#fbf6ea') }) +
  el('circle', { cx: c.x, cy: c.y, r: c.size * 0.5, fill: c.defs.radial('#ffb347', color(c, 0, '#f08a1c')) }),
  { transform: rotateAt(c.angle, c.x, c.y) },
)

/** A fried egg with lacy edges. */
const friedEgg: PiecePainter = c => {
  const d = closedCurve(blobPoints(c.rng, c.x, c.y, c.size * 1.3, c.size * 1.15, 0, 0.16, 11))
  return shadow(d, 1.5) + el('path', { d, fill: '#fffaf0', stroke: '#e9c98c', 'stroke-width': 2 }) +
    el('circle', { cx: c.x + c.size * 0.1, cy: c.y - c.size * 0.05, r: c.size * 0.5, fill: c.defs.radial('#ffc44d', color(c, 0, '#f39a1e')) }) +
    glint(c.x - c.size * 0.05, c.y - c.size * 0.22, c.size * 0.18, c.size * 0.08, 0.7)
}

/** A wedge of tomato with its seeds. */
const tomato: PiecePainter = c => {
  const s = c.size
  const main = color(c, 0, '#e0362c')
  const outer = `M${num(-s)} 0A${num(s)} ${num(s)} 0 0 1 ${num(s)} 0Q0 ${num(s * 0.25)} ${num(-s)} 0Z`
  const seeds = [-0.4, 0, 0.4].map(f => el('ellipse', { cx: f * s, cy: -s * 0.42, rx: s * 0.09, ry: s * 0.14, fill: '#f7d36a' })).join('')
  return group(
    el('path', { d: outer, fill: '#000', opacity: 0.2, transform: 'translate(2 3)' }) +
    el('path', { d: outer, fill: main }) +
    el('path', { d: `M${num(-s * 0.72)} ${num(-s * 0.1)}A${num(s * 0.72)} ${num(s * 0.65)} 0 0 1 ${num(s * 0.72)} ${num(-s * 0.1)}Z`, fill: lighter(main, 0.25) }) + seeds,
    { transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})` },
  )
}

const pineapple: PiecePainter = c => {
  const s = c.size
  const d = `M${num(-s)} ${num(s * 0.6)}L${num(s)} ${num(s * 0.6)}L${num(s * 0.1)} ${num(-s * 0.8)}Z`
  return group(
    el('path', { d, fill: '#000', opacity: 0.18, transform: 'translate(2 3)' }) +
    el('path', { d, fill: color(c, 0, '#f7cf45'), stroke: '#e7b22c', 'stroke-width': 2, 'stroke-linejoin': 'round' }) +
    el('path', { d: `M${num(-s * 0.5)} ${num(s * 0.35)}L${num(s * 0.05)} ${num(-s * 0.4)}M${num(s * 0.5)} ${num(s * 0.35)}L${num(s * 0.1)} ${num(-s * 0.3)}`, stroke: '#fbe9a0', 'stroke-width': 1.2 }),
    { transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})` },
  )
}

/** A translucent pearl: sago (white) or tapioca (dark). */
const pearl: PiecePainter = c => {
  const main = color(c, 0, '#f5f1e6')
  return el('circle', { cx: c.x, cy: c.y, r: c.size, fill: main, opacity: 0.85, stroke: darker(main, 0.12), 'stroke-width': 0.6 }) +
    el('circle', { cx: c.x - c.size * 0.35, cy: c.y - c.size * 0.35, r: c.size * 0.3, fill: '#fff', opacity: 0.7 })
}

/** Star anise: eight pointed pods. */
const starAnise: PiecePainter = c => {
  const main = color(c, 0, '#6b3a1e')
  let pods = ''
  for (let i = 0; i < 8; i++) {
    pods += el('ellipse', { cx: c.x + c.size * 0.55, cy: c.y, rx: c.size * 0.55, ry: c.size * 0.22, fill: i % 2 ? main : darker(main, 0.15), transform: rotateAt(c.angle + i * 45, c.x, c.y) })
  }
  return pods + el('circle', { cx: c.x, cy: c.y, r: c.size * 0.18, fill: darker(main, 0.3) })
}

/** A peeled shrimp curled into a C, with its stripes. */
const shrimp: PiecePainter = c => {
  const s = c.size
  const main = color(c, 0, '#f4845f')
  const d = `M${num(s * 0.9)} ${num(-s * 0.2)}A${num(s * 0.85)} ${num(s * 0.85)} 0 1 0 ${num(s * 0.25)} ${num(s * 0.85)}`
  const stripes = [0.6, 1.4, 2.2, 3].map(t => {
    const x = Math.cos(t + 1.2) * s * 0.85
    const y = Math.sin(t + 1.2) * s * 0.85
    return el('circle', { cx: x, cy: y, r: s * 0.12, fill: lighter(main, 0.45) })
  }).join('')
  return group(
    el('path', { d, fill: 'none', stroke: '#000', opacity: 0.2, 'stroke-width': s * 0.62, 'stroke-linecap': 'round', transform: 'translate(2 3)' }) +
    el('path', { d, fill: 'none', stroke: main, 'stroke-width': s * 0.62, 'stroke-linecap': 'round' }) + stripes +
    el('path', { d: `M${num(s * 0.9)} ${num(-s * 0.2)}l${num(s * 0.35)} ${num(-s * 0.35)}l${num(-s * 0.05)} ${num(s * 0.45)}Z`, fill: '#e2542e' }),
    { transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})` },
  )
}

/** A smashed piece of cucumber: dark skin, pale flesh, seeds. */
const cucumber: PiecePainter = c => {
  const outer = closedCurve(blobPoints(c.rng, c.x, c.y, c.size, c.size * 0.7, rad(c.angle), 0.25, 7))
  const inner = closedCurve(blobPoints(c.rng, c.x, c.y, c.size * 0.72, c.size * 0.45, rad(c.angle), 0.2, 7))
  const seeds = [-0.3, 0, 0.3].map(f => el('ellipse', {
    cx: c.x + Math.cos(rad(c.angle)) * f * c.size, cy: c.y + Math.sin(rad(c.angle)) * f * c.size, rx: c.size * 0.1, ry: c.size * 0.06, fill: '#f4f7dc', transform: rotateAt(c.angle, c.x, c.y),
  })).join('')
  return shadow(outer) + el('path', { d: outer, fill: color(c, 0, '#2f6b2a') }) + el('path', { d: inner, fill: color(c, 1, '#cfe5a0') }) + seeds
}

/** Black wood-ear fungus: a dark, ruffled, glossy petal. */
const woodEar: PiecePainter = c => {
  const d = closedCurve(blobPoints(c.rng, c.x, c.y, c.size, c.size * 0.8, rad(c.angle), 0.35, 10))
  return shadow(d) + el('path', { d, fill: c.defs.radial('#5a4038', color(c, 0, '#1f1512')) }) +
    glint(c.x - c.size * 0.25, c.y - c.size * 0.25, c.size * 0.4, c.size * 0.12, 0.3)
}

/** Jasmine or osmanthus flower floating on tea. */
const flower: PiecePainter = c => {
  const main = color(c, 0, '#fffdf4')
  let petals = ''
  for (let i = 0; i < 5; i++) {
    petals += el('ellipse', { cx: c.x + c.size * 0.55, cy: c.y, rx: c.size * 0.55, ry: c.size * 0.32, fill: main, stroke: darker(main, 0.08), 'stroke-width': 0.5, transform: rotateAt(c.angle + i * 72, c.x, c.y) })
  }
  return petals + el('circle', { cx: c.x, cy: c.y, r: c.size * 0.22, fill: color(c, 1, '#f2c94c') })
}

/** Fluffy scrambled egg, folded over itself. */
const eggScramble: PiecePainter = c => {
  const main = color(c, 0, '#f7c948')
  const d = closedCurve(blobPoints(c.rng, c.x, c.y, c.size, c.size * 0.75, rad(c.angle), 0.3, 9))
  const fold = closedCurve(blobPoints(c.rng, c.x - c.size * 0.2, c.y - c.size * 0.15, c.size * 0.55, c.size * 0.32, rad(c.angle), 0.25, 7))
  return shadow(d) + el('path', { d, fill: c.defs.radial(lighter(main, 0.3), darker(main, 0.08)) }) + el('path', { d: fold, fill: lighter(main, 0.4), opacity: 0.8 })
}

/** A short pork rib with its bone end showing. */
const rib: PiecePainter = c => {
  const main = color(c, 0, '#a7653a')
  const s = c.size
  return group(
    el('rect', { x: -s + 2, y: -s * 0.5 + 3, width: s * 2, height: s, rx: s * 0.45, fill: '#000', opacity: 0.2 }) +
    el('rect', { x: -s, y: -s * 0.5, width: s * 2, height: s, rx: s * 0.45, fill: c.defs.radial(lighter(main, 0.25), darker(main, 0.15)) }) +
    el('ellipse', { cx: s * 0.85, cy: 0, rx: s * 0.25, ry: s * 0.3, fill: '#f2e6d0', stroke: '#d9c7a6', 'stroke-width': 1 }),
    { transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})` },
  )
}

/** A wedge of century egg: amber-black white, jade-grey yolk. */
const centuryEgg: PiecePainter = c => {
  const s = c.size
  const outer = `M0 0L${num(s * 1.6)} ${num(-s * 0.6)}A${num(s * 1.7)} ${num(s * 1.7)} 0 0 1 ${num(s * 1.6)} ${num(s * 0.6)}Z`
  return group(
    el('path', { d: outer, fill: '#000', opacity: 0.2, transform: 'translate(2 3)' }) +
    el('path', { d: outer, fill: c.defs.radial('#6b4a1e', color(c, 0, '#2a1a0c')) }) +
    el('path', { d: `M${num(s * 0.35)} 0L${num(s * 1.2)} ${num(-s * 0.32)}A${num(s * 1.25)} ${num(s * 1.25)} 0 0 1 ${num(s * 1.2)} ${num(s * 0.32)}Z`, fill: color(c, 1, '#5f6b45') }) +
    glint(s * 0.9, -s * 0.3, s * 0.35, s * 0.08, 0.35),
    { transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})` },
  )
}

export const PRODUCE_PIECES = {
  corn, sausage, 'egg-half': eggHalf, 'fried-egg': friedEgg, tomato, pineapple, pearl, 'star-anise': starAnise,
  shrimp, cucumber, 'wood-ear': woodEar, flower, 'egg-scramble': eggScramble, rib, 'century-egg': centuryEgg,
} satisfies Record<string, PiecePainter>
