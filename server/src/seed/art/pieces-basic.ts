// Painters for everyday pieces: chunks, cubes, slices, strips, chillies, nuts, herbs, dots, shreds.
import { type PieceContext, type PiecePainter, color, glint, shadow } from './piece-context.js'
import { blobPoints, closedCurve, darker, el, group, lighter, num, rotateAt } from './svg.js'

const rad = (degrees: number) => degrees * Math.PI / 180

/** An irregular glossy lump: meat, chicken, tofu skin, anything braised. */
const chunk: PiecePainter = c => {
  const main = color(c, 0, '#9a5a2e')
  const d = closedCurve(blobPoints(c.rng, c.x, c.y, c.size, c.size * 0.8, rad(c.angle), 0.22))
  return shadow(d) + el('path', { d, fill: c.defs.radial(lighter(main, 0.25), darker(main, 0.2)) }) +
    glint(c.x - c.size * 0.3, c.y - c.size * 0.3, c.size * 0.3, c.size * 0.14)
}

function roundedSquare (c: PieceContext, fill: string, stroke: string): string {
  const s = c.size
  const rect = el('rect', { x: c.x - s, y: c.y - s, width: s * 2, height: s * 2, rx: s * 0.3, fill, stroke, 'stroke-width': 1 })
  const shade = el('rect', { x: c.x - s + 2.5, y: c.y - s + 3.5, width: s * 2, height: s * 2, rx: s * 0.3, fill: '#000', opacity: 0.2 })
  return group(shade + rect, { transform: rotateAt(c.angle, c.x, c.y) })
}

/** Tofu, diced chicken, mango: a softly rounded cube. */
const cube: PiecePainter = c => {
  const main = color(c, 0, '#f3e6c4')
  return roundedSquare(c, c.defs.radial(lighter(main, 0.35), main), darker(main, 0.12)) +
    glint(c.x - c.size * 0.35, c.y - c.size * 0.35, c.size * 0.35, c.size * 0.15, 0.45)
}

/** Braised pork belly: a lacquered cube with the fat layers showing. */
const belly: PiecePainter = c => {
  const glaze = color(c, 0, '#7b2d12')
  const fat = color(c, 1, '#e8b98a')
  const s = c.size
  const layers = [-0.45, 0.05, 0.5].map(f => el('rect', {
    x: c.x - s * 0.92, y: c.y + s * f - s * 0.09, width: s * 1.84, height: s * 0.18, rx: s * 0.09, fill: fat, opacity: 0.55,
  })).join('')
  return roundedSquare(c, c.defs.radial(lighter(glaze, 0.3), darker(glaze, 0.15)), darker(glaze, 0.3)) +
    group(layers, { transform: rotateAt(c.angle, c.x, c.y) }) +
    glint(c.x - s * 0.3, c.y - s * 0.4, s * 0.45, s * 0.14, 0.5)
}

/** A thin slice (poached chicken, beef, fish fillet) with a lighter cut edge. */
const slice: PiecePainter = c => {
  const main = color(c, 0, '#f0d8b8')
  const d = closedCurve(blobPoints(c.rng, c.x, c.y, c.size, c.size * 0.5, rad(c.angle), 0.1, 10))
  return shadow(d, 1.8) + el('path', { d, fill: c.defs.radial(lighter(main, 0.3), main), stroke: color(c, 1, darker(main, 0.15)), 'stroke-width': 1.6 })
}

/** A long piece: green bean, eggplant, pepper or cucumber julienne, beef strip. */
const strip: PiecePainter = c => {
  const main = color(c, 0, '#4f9a3a')
  const length = c.size * 2.4
  const bend = c.rng.range(-0.35, 0.35) * c.size
  const dx = Math.cos(rad(c.angle)) * length / 2
  const dy = Math.sin(rad(c.angle)) * length / 2
  const d = `M${num(c.x - dx)} ${num(c.y - dy)}Q${num(c.x - dy * 0.3 + bend)} ${num(c.y + dx * 0.3)} ${num(c.x + dx)} ${num(c.y + dy)}`
  const width = c.size * 0.5
  return el('path', { d, fill: 'none', stroke: '#000', opacity: 0.2, 'stroke-width': width, 'stroke-linecap': 'round', transform: 'translate(2 3)' }) +
    el('path', { d, fill: 'none', stroke: main, 'stroke-width': width, 'stroke-linecap': 'round' }) +
    el('path', { d, fill: 'none', stroke: color(c, 1, lighter(main, 0.35)), 'stroke-width': width * 0.3, 'stroke-linecap': 'round', opacity: 0.7, transform: `translate(${num(-width * 0.18)} ${num(-width * 0.18)})` })
}

function pod (c: PieceContext, body: string, stem: string): string {
  const length = c.size * 2
  const path = `M0 0C${num(length * 0.3)} ${num(-c.size * 0.35)} ${num(length * 0.75)} ${num(-c.size * 0.2)} ${num(length)} ${num(c.size * 0.25)}`
  const transform = `translate(${num(c.x - length / 2)} ${num(c.y)}) rotate(${num(c.angle)} ${num(length / 2)} 0)`
  return group(
    el('path', { d: path, fill: 'none', stroke: '#000', opacity: 0.2, 'stroke-width': c.size * 0.55, 'stroke-linecap': 'round', transform: 'translate(2 3)' }) +
    el('path', { d: path, fill: 'none', stroke: body, 'stroke-width': c.size * 0.55, 'stroke-linecap': 'round' }) +
    el('path', { d: path, fill: 'none', stroke: lighter(body, 0.35), 'stroke-width': c.size * 0.14, 'stroke-linecap': 'round', transform: `translate(0 ${num(-c.size * 0.12)})` }) +
    el('path', { d: `M0 0l${num(-c.size * 0.45)} ${num(-c.size * 0.2)}`, stroke: stem, 'stroke-width': c.size * 0.22, 'stroke-linecap': 'round' }),
    { transform },
  )
}

const chilli: PiecePainter = c => pod(c, color(c, 0, '#d7261e'), color(c, 1, '#3f8a2c'))
const driedChilli: PiecePainter = c => pod(c, color(c, 0, '#9e1b12'), color(c, 1, '#6b5a2a'))

const peanut: PiecePainter = c => {
  const main = color(c, 0, '#d59a5a')
  const s = c.size
  const lobes = [-0.45, 0.45].map(f => el('ellipse', { cx: c.x + f * s, cy: c.y, rx: s * 0.62, ry: s * 0.55, fill: main, stroke: darker(main, 0.2), 'stroke-width': 0.8 })).join('')
  return group(lobes + glint(c.x - s * 0.5, c.y - s * 0.2, s * 0.25, s * 0.1, 0.4), { transform: rotateAt(c.angle, c.x, c.y) })
}

/** A ring of spring onion. */
const scallion: PiecePainter = c => {
  const main = color(c, 0, '#7cc242')
  return el('ellipse', { cx: c.x, cy: c.y, rx: c.size, ry: c.size * 0.8, fill: lighter(main, 0.55), stroke: main, 'stroke-width': c.size * 0.38, transform: rotateAt(c.angle, c.x, c.y) })
}

/** Coriander sprig: three round lobes and a stem. */
const coriander: PiecePainter = c => {
  const main = color(c, 0, '#3f9a3a')
  const s = c.size
  const lobes = [[-0.5, -0.2], [0.5, -0.2], [0, -0.75]].map(([dx, dy]) => el('circle', { cx: c.x + dx! * s, cy: c.y + dy! * s, r: s * 0.48, fill: main })).join('')
  const stem = el('path', { d: `M${num(c.x)} ${num(c.y - s * 0.3)}l${num(s * 0.2)} ${num(s * 1.1)}`, stroke: lighter(main, 0.3), 'stroke-width': s * 0.18, 'stroke-linecap': 'round' })
  return group(stem + lobes, { transform: rotateAt(c.angle, c.x, c.y) })
}

/** A leaf of bok choy: pale spoon-shaped stem, dark leaf. */
const bokchoy: PiecePainter = c => {
  const s = c.size
  const leaf = color(c, 0, '#2f7d32')
  const stem = color(c, 1, '#dcedc4')
  const body = group(
    el('ellipse', { cx: s * 0.55, cy: 2.5, rx: s * 1.25, ry: s * 0.62, fill: '#000', opacity: 0.2 }) +
    el('ellipse', { cx: s * 0.95, cy: 0, rx: s * 0.95, ry: s * 0.66, fill: c.defs.radial(lighter(leaf, 0.2), darker(leaf, 0.15)) }) +
    el('path', { d: `M${num(-s * 0.9)} 0Q${num(s * 0.2)} ${num(-s * 0.42)} ${num(s * 0.6)} 0Q${num(s * 0.2)} ${num(s * 0.42)} ${num(-s * 0.9)} 0Z`, fill: stem }) +
    el('path', { d: `M${num(s * 0.4)} 0L${num(s * 1.7)} 0`, stroke: lighter(leaf, 0.4), 'stroke-width': 1.4, opacity: 0.8 }),
    { transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})` },
  )
  return body
}

/** A single colour dot: pea, garlic, corn kernel, carrot dice. */
const dot: PiecePainter = c => {
  const main = color(c, 0, '#6cae3e')
  return el('circle', { cx: c.x, cy: c.y, r: c.size, fill: main, stroke: darker(main, 0.2), 'stroke-width': 0.6 }) +
    el('circle', { cx: c.x - c.size * 0.3, cy: c.y - c.size * 0.3, r: c.size * 0.3, fill: '#fff', opacity: 0.45 })
}

const sesame: PiecePainter = c => el('ellipse', {
  cx: c.x, cy: c.y, rx: c.size, ry: c.size * 0.5, fill: color(c, 0, '#f4ead2'), transform: rotateAt(c.angle, c.x, c.y),
})

/** Sichuan peppercorn: a tiny husk split open. */
const peppercorn: PiecePainter = c => {
  const main = color(c, 0, '#5a2a1c')
  return el('circle', { cx: c.x, cy: c.y, r: c.size, fill: main }) +
    el('path', { d: `M${num(c.x - c.size * 0.6)} ${num(c.y)}h${num(c.size * 1.2)}`, stroke: darker(main, 0.4), 'stroke-width': 0.8 })
}

/** A short wavy shred: ginger, scallion greens, chilli threads. */
const shred: PiecePainter = c => {
  const length = c.size * 2
  const d = `M${num(-length / 2)} 0q${num(length / 4)} ${num(-c.size * 0.4)} ${num(length / 2)} 0t${num(length / 2)} 0`
  return el('path', {
    d, fill: 'none', stroke: color(c, 0, '#f1d37a'), 'stroke-width': Math.max(1.5, c.size * 0.22), 'stroke-linecap': 'round',
    transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})`,
  })
}

/** Silky ribbons of egg in a soup. */
const eggRibbon: PiecePainter = c => {
  const length = c.size * 3
  const wave = c.size * 0.45
  const d = `M${num(-length / 2)} 0q${num(length / 6)} ${num(-wave)} ${num(length / 3)} 0t${num(length / 3)} 0t${num(length / 3)} 0`
  return el('path', {
    d, fill: 'none', stroke: color(c, 0, '#f6d56a'), 'stroke-width': c.size * 0.45, 'stroke-linecap': 'round', opacity: 0.9,
    transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})`,
  })
}

/** Crumbles of minced pork or beef. */
const mince: PiecePainter = c => {
  const main = color(c, 0, '#7a4326')
  let out = ''
  for (let i = 0; i < 3; i++) {
    const x = c.x + c.rng.range(-c.size, c.size)
    const y = c.y + c.rng.range(-c.size, c.size)
    const d = closedCurve(blobPoints(c.rng, x, y, c.size * 0.5, c.size * 0.4, c.rng.range(0, 6), 0.3, 6))
    out += el('path', { d, fill: i === 0 ? darker(main, 0.15) : main })
  }
  return out
}

/** A generic leaf (mint, basil, jasmine leaf). */
const leaf: PiecePainter = c => {
  const main = color(c, 0, '#3e9b4a')
  const s = c.size
  const d = `M${num(-s)} 0Q0 ${num(-s * 0.75)} ${num(s)} 0Q0 ${num(s * 0.75)} ${num(-s)} 0Z`
  return group(
    el('path', { d, fill: main }) + el('path', { d: `M${num(-s)} 0L${num(s * 0.9)} 0`, stroke: lighter(main, 0.35), 'stroke-width': 1 }),
    { transform: `translate(${num(c.x)} ${num(c.y)}) rotate(${num(c.angle)})` },
  )
}

export const BASIC_PIECES = {
  chunk, cube, belly, slice, strip, chilli, 'dried-chilli': driedChilli, peanut, scallion, coriander, bokchoy,
  dot, sesame, peppercorn, shred, 'egg-ribbon': eggRibbon, mince, leaf,
} satisfies Record<string, PiecePainter>
