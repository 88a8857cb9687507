// Painters for dumplings, buns, rolls, tarts and the whole pieces: fish, duck, pancakes.
import { type PiecePainter, color, glint, shadow } from './piece-context.js'
import { darker, el, group, lighter, num, rotateAt } from './svg.js'

const place = (x: number, y: number, angle: number) => `translate(${num(x)} ${num(y)}) rotate(${num(angle)})`

/** A jiaozi or potsticker: a half moon with pleats along the curved edge. */
const crescent: PiecePainter = c => {
  const s = c.size
  const dough = color(c, 0, '#f4ead6')
  const outline = `M${num(-s)} ${num(s * 0.3)}Q0 ${num(-s * 1.25)} ${num(s)} ${num(s * 0.3)}Q0 ${num(s * 0.65)} ${num(-s)} ${num(s * 0.3)}Z`
  let pleats = ''
  for (let i = 1; i <= 5; i++) {
    const x = -s * 0.7 + (i - 1) * s * 0.35
    pleats += el('path', { d: `M${num(x)} ${num(-s * 0.42 + Math.abs(x) * 0.35)}q${num(s * 0.08)} ${num(s * 0.22)} ${num(s * 0.02)} ${num(s * 0.42)}`, stroke: darker(dough, 0.14), 'stroke-width': 1.3, fill: 'none', 'stroke-linecap': 'round' })
  }
  const crisp = c.colors[1] ? el('path', { d: `M${num(-s * 0.95)} ${num(s * 0.32)}Q0 ${num(s * 0.7)} ${num(s * 0.95)} ${num(s * 0.32)}`, stroke: c.colors[1], 'stroke-width': s * 0.22, fill: 'none', 'stroke-linecap': 'round' }) : ''
  return group(
    shadow(outline) + el('path', { d: outline, fill: c.defs.radial(lighter(dough, 0.4), dough), stroke: darker(dough, 0.12), 'stroke-width': 1 }) +
    crisp + pleats + glint(-s * 0.3, -s * 0.2, s * 0.35, s * 0.12, 0.45),
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** A steamed bun from above: pleats swirling into a knot; char siu bao shows its filling. */
const bao: PiecePainter = c => {
  const s = c.size
  const dough = color(c, 0, '#fbf5ea')
  let pleats = ''
  for (let i = 0; i < 12; i++) {
    const t = (i / 12) * Math.PI * 2
    pleats += el('path', {
      d: `M${num(Math.cos(t) * s * 0.18)} ${num(Math.sin(t) * s * 0.18)}Q${num(Math.cos(t + 0.5) * s * 0.55)} ${num(Math.sin(t + 0.5) * s * 0.55)} ${num(Math.cos(t + 0.35) * s * 0.82)} ${num(Math.sin(t + 0.35) * s * 0.82)}`,
      stroke: darker(dough, 0.1), 'stroke-width': 1.2, fill: 'none',
    })
  }
  // Char siu bao split open on top: short, uneven cracks with the glazed filling showing.
  const cracks = c.colors[1] ? [0, 2.2, 4.1].map(base => {
    const t = base + c.rng.range(-0.4, 0.4)
    const from = s * c.rng.range(0.12, 0.2)
    const to = s * c.rng.range(0.5, 0.66)
    const bend = c.rng.range(-0.25, 0.25)
    const d = `M${num(Math.cos(t) * from)} ${num(Math.sin(t) * from)}Q${num(Math.cos(t + bend) * (from + to) / 2)} ${num(Math.sin(t + bend) * (from + to) / 2)} ${num(Math.cos(t) * to)} ${num(Math.sin(t) * to)}`
    return el('path', { d, stroke: '#f1e2c6', 'stroke-width': s * 0.24, 'stroke-linecap': 'round', fill: 'none' }) +
      el('path', { d, stroke: c.colors[1], 'stroke-width': s * 0.13, 'stroke-linecap': 'round', fill: 'none' })
  }).join('') : ''
  const filling = cracks
  return group(
    el('circle', { cx: 2.5, cy: 3.5, r: s, fill: '#000', opacity: 0.2 }) +
    el('circle', { cx: 0, cy: 0, r: s, fill: c.defs.radial('#ffffff', darker(dough, 0.06)) }) +
    (filling || pleats + el('circle', { cx: 0, cy: 0, r: s * 0.14, fill: darker(dough, 0.1) })),
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** Siu mai: an open-topped cup of wrapper, pork and shrimp showing, a dot of roe on top. */
const siumai: PiecePainter = c => {
  const s = c.size
  let frill = ''
  for (let i = 0; i < 14; i++) {
    const t = (i / 14) * Math.PI * 2
    frill += el('circle', { cx: Math.cos(t) * s * 0.88, cy: Math.sin(t) * s * 0.88, r: s * 0.22, fill: color(c, 0, '#f2d36b') })
  }
  return group(
    el('circle', { cx: 2.5, cy: 3.5, r: s * 1.05, fill: '#000', opacity: 0.2 }) + frill +
    el('circle', { cx: 0, cy: 0, r: s * 0.85, fill: c.defs.radial('#f3c6a5', color(c, 1, '#d9926a')) }) +
    el('circle', { cx: s * 0.08, cy: -s * 0.05, r: s * 0.24, fill: '#f06a1d' }) +
    el('circle', { cx: 0, cy: -s * 0.12, r: s * 0.08, fill: '#ffd0a8' }),
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** Har gow: a translucent pleated crescent with pink shrimp glowing through. */
const hargow: PiecePainter = c => {
  const s = c.size
  const outline = `M${num(-s)} ${num(s * 0.25)}Q0 ${num(-s * 1.3)} ${num(s)} ${num(s * 0.25)}Q0 ${num(s * 0.6)} ${num(-s)} ${num(s * 0.25)}Z`
  let pleats = ''
  for (let i = 0; i < 7; i++) {
    const x = -s * 0.66 + i * s * 0.22
    pleats += el('path', { d: `M${num(x)} ${num(-s * 0.36 + Math.abs(x) * 0.3)}l${num(s * 0.05)} ${num(s * 0.3)}`, stroke: '#ffffff', 'stroke-width': 1.6, opacity: 0.8, 'stroke-linecap': 'round' })
  }
  return group(
    shadow(outline) + el('path', { d: outline, fill: '#f8efe8', opacity: 0.95 }) +
    el('ellipse', { cx: 0, cy: 0, rx: s * 0.6, ry: s * 0.32, fill: color(c, 0, '#f29a83'), opacity: 0.55 }) +
    el('path', { d: outline, fill: 'none', stroke: '#e8ddd2', 'stroke-width': 1.2 }) + pleats,
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** A wonton: a plump pouch with a silky, wavy skirt. */
const wonton: PiecePainter = c => {
  const s = c.size
  const skin = color(c, 0, '#f6ecd9')
  const skirt = `M${num(-s * 0.3)} 0C${num(-s * 1.4)} ${num(-s * 1.2)} ${num(-s * 2)} ${num(s * 0.2)} ${num(-s * 1.4)} ${num(s * 0.9)}C${num(-s * 0.9)} ${num(s * 1.3)} ${num(-s * 0.4)} ${num(s * 0.8)} ${num(-s * 0.1)} ${num(s * 0.4)}Z`
  return group(
    el('path', { d: skirt, fill: skin, opacity: 0.75, stroke: darker(skin, 0.1), 'stroke-width': 1 }) +
    el('circle', { cx: 2, cy: 3, r: s * 0.7, fill: '#000', opacity: 0.2 }) +
    el('circle', { cx: 0, cy: 0, r: s * 0.7, fill: c.defs.radial('#ffffff', darker(skin, 0.05)) }) +
    // The filling only shows faintly through the thin wrapper.
    el('circle', { cx: s * 0.12, cy: s * 0.1, r: s * 0.5, fill: color(c, 1, '#e7b9a0'), opacity: 0.22 }),
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** A glutinous rice ball; with a second colour, one is bitten open to show the filling. */
const tangyuan: PiecePainter = c => {
  const s = c.size
  const filling = c.colors[1]
  return el('circle', { cx: c.x + 2, cy: c.y + 3, r: s, fill: '#000', opacity: 0.15 }) +
    el('circle', { cx: c.x, cy: c.y, r: s, fill: c.defs.radial('#ffffff', color(c, 0, '#efe9df')) }) +
    (filling ? el('circle', { cx: c.x + s * 0.1, cy: c.y + s * 0.1, r: s * 0.55, fill: filling }) : glint(c.x - s * 0.35, c.y - s * 0.35, s * 0.3, s * 0.15, 0.8))
}

/** A golden spring roll, blistered and wrapped on the bias. */
const springRoll: PiecePainter = c => {
  const s = c.size
  const main = color(c, 0, '#d8913b')
  let blisters = ''
  for (let i = 0; i < 9; i++) {
    blisters += el('circle', { cx: c.rng.range(-s * 1.7, s * 1.7), cy: c.rng.range(-s * 0.35, s * 0.35), r: c.rng.range(1, 2.4), fill: darker(main, 0.25), opacity: 0.6 })
  }
  return group(
    el('rect', { x: -s * 2 + 3, y: -s * 0.55 + 4, width: s * 4, height: s * 1.1, rx: s * 0.55, fill: '#000', opacity: 0.22 }) +
    el('rect', { x: -s * 2, y: -s * 0.55, width: s * 4, height: s * 1.1, rx: s * 0.55, fill: c.defs.linear([lighter(main, 0.35), main, darker(main, 0.2)]) }) +
    el('path', { d: `M${num(-s * 0.6)} ${num(-s * 0.55)}l${num(s * 0.5)} ${num(s * 1.1)}M${num(s * 0.5)} ${num(-s * 0.55)}l${num(s * 0.5)} ${num(s * 1.1)}`, stroke: darker(main, 0.18), 'stroke-width': 1.4, opacity: 0.7 }) + blisters,
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** A Hong Kong egg tart: fluted golden pastry, wobbly custard with caramel spots. */
const eggTart: PiecePainter = c => {
  const s = c.size
  let flutes = ''
  for (let i = 0; i < 16; i++) {
    const t = (i / 16) * Math.PI * 2
    flutes += el('circle', { cx: c.x + Math.cos(t) * s * 0.88, cy: c.y + Math.sin(t) * s * 0.88, r: s * 0.2, fill: color(c, 1, '#d99a45') })
  }
  return el('circle', { cx: c.x + 3, cy: c.y + 4, r: s * 1.08, fill: '#000', opacity: 0.22 }) + flutes +
    el('circle', { cx: c.x, cy: c.y, r: s * 0.88, fill: '#e7b563' }) +
    el('circle', { cx: c.x, cy: c.y, r: s * 0.72, fill: c.defs.radial('#ffe680', color(c, 0, '#f6c431')) }) +
    el('circle', { cx: c.x + s * 0.2, cy: c.y + s * 0.15, r: s * 0.12, fill: '#c9781f', opacity: 0.55 }) +
    glint(c.x - s * 0.28, c.y - s * 0.3, s * 0.26, s * 0.1, 0.6)
}

const sesameBall: PiecePainter = c => {
  const s = c.size
  let seeds = ''
  for (let i = 0; i < 22; i++) {
    const t = c.rng.range(0, Math.PI * 2)
    const r = Math.sqrt(c.rng.next()) * s * 0.85
    seeds += el('ellipse', { cx: c.x + Math.cos(t) * r, cy: c.y + Math.sin(t) * r, rx: 1.8, ry: 1, fill: '#fbf1d8', transform: rotateAt(c.rng.range(0, 180), c.x + Math.cos(t) * r, c.y + Math.sin(t) * r) })
  }
  return el('circle', { cx: c.x + 2.5, cy: c.y + 3.5, r: s, fill: '#000', opacity: 0.22 }) +
    el('circle', { cx: c.x, cy: c.y, r: s, fill: c.defs.radial('#f0b054', color(c, 0, '#b86a1e')) }) + seeds
}

/** A whole steamed or braised fish, head to the left, scored along its back. */
const fish: PiecePainter = c => {
  const s = c.size
  const skin = color(c, 0, '#c9cfcf')
  const body = `M${num(-s)} 0C${num(-s * 0.75)} ${num(-s * 0.5)} ${num(s * 0.45)} ${num(-s * 0.48)} ${num(s * 0.8)} ${num(-s * 0.05)}L${num(s * 0.8)} ${num(s * 0.05)}C${num(s * 0.45)} ${num(s * 0.46)} ${num(-s * 0.75)} ${num(s * 0.45)} ${num(-s)} 0Z`
  const tail = `M${num(s * 0.72)} 0L${num(s * 1.2)} ${num(-s * 0.32)}Q${num(s * 1.05)} 0 ${num(s * 1.2)} ${num(s * 0.32)}Z`
  const fin = `M${num(-s * 0.2)} ${num(-s * 0.4)}Q${num(s * 0.1)} ${num(-s * 0.62)} ${num(s * 0.45)} ${num(-s * 0.33)}Z`
  const scores = [-0.35, -0.05, 0.25].map(f => el('path', { d: `M${num(f * s)} ${num(-s * 0.3)}q${num(s * 0.08)} ${num(s * 0.3)} 0 ${num(s * 0.6)}`, stroke: darker(skin, 0.25), 'stroke-width': 2, fill: 'none', opacity: 0.7 })).join('')
  return group(
    el('path', { d: body, fill: '#000', opacity: 0.25, transform: 'translate(4 6)' }) +
    el('path', { d: tail, fill: darker(skin, 0.15) }) + el('path', { d: fin, fill: darker(skin, 0.12) }) +
    el('path', { d: body, fill: c.defs.linear([darker(skin, 0.25), lighter(skin, 0.25), skin]) }) +
    el('path', { d: `M${num(-s * 0.62)} ${num(-s * 0.3)}q${num(-s * 0.1)} ${num(s * 0.3)} 0 ${num(s * 0.6)}`, stroke: darker(skin, 0.3), 'stroke-width': 2, fill: 'none' }) +
    scores + el('circle', { cx: -s * 0.8, cy: -s * 0.08, r: s * 0.06, fill: '#f7f3e8' }) + el('circle', { cx: -s * 0.8, cy: -s * 0.08, r: s * 0.03, fill: '#222' }),
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** A slice of roast duck: lacquered skin over a thin layer of fat. */
const duck: PiecePainter = c => {
  const s = c.size
  const skin = color(c, 0, '#a1401d')
  const d = `M${num(-s)} ${num(s * 0.3)}Q${num(-s * 0.8)} ${num(-s * 0.55)} 0 ${num(-s * 0.55)}Q${num(s * 0.85)} ${num(-s * 0.5)} ${num(s)} ${num(s * 0.25)}Z`
  return group(
    el('path', { d, fill: '#000', opacity: 0.22, transform: 'translate(2 3)' }) +
    el('path', { d, fill: '#f3dfc4' }) +
    el('path', { d: `M${num(-s * 0.92)} ${num(s * 0.16)}Q${num(-s * 0.75)} ${num(-s * 0.5)} 0 ${num(-s * 0.5)}Q${num(s * 0.78)} ${num(-s * 0.45)} ${num(s * 0.92)} ${num(s * 0.12)}Z`, fill: c.defs.radial(lighter(skin, 0.35), darker(skin, 0.15)) }) +
    glint(-s * 0.2, -s * 0.25, s * 0.4, s * 0.08, 0.5),
    { transform: place(c.x, c.y, c.angle) },
  )
}

/** Thin Mandarin pancakes, folded into quarters and fanned. */
const pancake: PiecePainter = c => {
  const s = c.size
  const d = `M0 0L${num(s)} 0A${num(s)} ${num(s)} 0 0 1 0 ${num(s)}Z`
  return group(
    el('path', { d, fill: '#000', opacity: 0.15, transform: 'translate(2 3)' }) +
    el('path', { d, fill: c.defs.radial('#fffaf0', color(c, 0, '#f1e4c8')), stroke: '#e2d2ad', 'stroke-width': 1 }) +
    el('circle', { cx: s * 0.5, cy: s * 0.35, r: 1.6, fill: '#d9b77d', opacity: 0.6 }) + el('circle', { cx: s * 0.3, cy: s * 0.6, r: 1.2, fill: '#d9b77d', opacity: 0.6 }),
    { transform: place(c.x, c.y, c.angle) },
  )
}

export const DIM_SUM_PIECES = {
  crescent, bao, siumai, hargow, wonton, tangyuan, 'spring-roll': springRoll, 'egg-tart': eggTart,
  'sesame-ball': sesameBall, fish, duck, pancake,
} satisfies Record<string, PiecePainter>
