// The table under the dish: warm wood, lacquer or linen, a mat, a vignette, chopsticks or a spoon.
import type { Rng } from './random.js'
import { type Defs, darker, el, lighter, num } from './svg.js'

export const WIDTH = 480
export const HEIGHT = 360

interface Surface { base: string, grain: string, kind: 'wood' | 'linen' }

const SURFACES: readonly Surface[] = [
  { base: '#8a5a36', grain: '#6e4426', kind: 'wood' },
  { base: '#b9824f', grain: '#9a6638', kind: 'wood' },
  { base: '#5e3a26', grain: '#472a1a', kind: 'wood' },
  { base: '#9b3a2c', grain: '#7e2a1f', kind: 'wood' },
  { base: '#d6a760', grain: '#c18f48', kind: 'linen' },
  { base: '#c7714e', grain: '#b05f3e', kind: 'linen' },
]

function woodGrain (rng: Rng, surface: Surface): string {
  let out = ''
  for (let i = 0; i < 16; i++) {
    const y = rng.range(-10, HEIGHT + 10)
    const wave = rng.range(4, 14)
    const d = `M-10 ${num(y)}C${num(WIDTH * 0.3)} ${num(y - wave)} ${num(WIDTH * 0.6)} ${num(y + wave)} ${WIDTH + 10} ${num(y + rng.range(-8, 8))}`
    out += el('path', { d, fill: 'none', stroke: rng.chance(0.5) ? surface.grain : lighter(surface.base, 0.15), 'stroke-width': rng.range(1, 4), opacity: rng.range(0.25, 0.55) })
  }
  return out
}

function linenWeave (surface: Surface): string {
  let out = ''
  for (let x = 0; x < WIDTH; x += 6) out += `M${x} 0V${HEIGHT}`
  for (let y = 0; y < HEIGHT; y += 6) out += `M0 ${y}H${WIDTH}`
  return el('path', { d: out, stroke: surface.grain, 'stroke-width': 1, opacity: 0.35 })
}

/** A woven bamboo mat under plates and bowls on some dishes. */
function mat (defs: Defs): string {
  let slats = ''
  for (let y = 34; y < 334; y += 10) slats += `M58 ${y}H422`
  return el('rect', { x: 52, y: 28, width: 376, height: 312, rx: 10, fill: '#000', opacity: 0.18, transform: 'translate(4 6)' }) +
    el('rect', { x: 52, y: 28, width: 376, height: 312, rx: 10, fill: defs.linear(['#e4c48c', '#d3ad6e']) }) +
    el('path', { d: slats, stroke: '#b88f52', 'stroke-width': 1.5, opacity: 0.7 })
}

export function backdrop (defs: Defs, rng: Rng, withMat: boolean): string {
  const surface = rng.pick(SURFACES)
  const texture = surface.kind === 'wood' ? woodGrain(rng, surface) : linenWeave(surface)
  // A darker rim draws the eye to the dish.
  const shade = el('rect', { width: WIDTH, height: HEIGHT, fill: 'none', stroke: darker(surface.base, 0.45), 'stroke-width': 80, opacity: 0.35, filter: defs.blur(30) })
  return el('rect', { width: WIDTH, height: HEIGHT, fill: defs.radial(lighter(surface.base, 0.12), darker(surface.base, 0.1), [0.45, 0.4]) }) +
    texture + shade + (withMat ? mat(defs) : '')
}

export function chopsticks (rng: Rng): string {
  const lacquer = rng.pick(['#2b1a14', '#8c2a1c', '#c8a070'])
  const stick = (x: number) => el('path', { d: `M${x} 36L${x + 9} 36L${x + 6} 330L${x + 3} 330Z`, fill: lacquer }) +
    el('rect', { x, y: 36, width: 9, height: 42, fill: lacquer === '#c8a070' ? '#7a4a2a' : '#d9b45a' })
  return el('g', { transform: 'rotate(8 440 180)' },
    el('path', { d: 'M426 40L446 40L440 334L432 334Z', fill: '#000', opacity: 0.2, transform: 'translate(5 6)' }) + stick(424) + stick(438)) +
    el('rect', { x: 418, y: 250, width: 42, height: 12, rx: 6, fill: '#e9e4da', transform: 'rotate(8 440 256)' })
}

export function spoon (defs: Defs): string {
  return el('g', { transform: 'rotate(12 430 210)' },
    el('ellipse', { cx: 434, cy: 218, rx: 26, ry: 36, fill: '#000', opacity: 0.2 }) +
    el('path', { d: 'M424 60L436 60L436 170L424 170Z', fill: '#f4f1ea', stroke: '#d8d2c6', 'stroke-width': 1.5 }) +
    el('ellipse', { cx: 430, cy: 212, rx: 26, ry: 36, fill: defs.radial('#ffffff', '#e6e1d6'), stroke: '#d8d2c6', 'stroke-width': 1.5 }) +
    el('ellipse', { cx: 430, cy: 216, rx: 18, ry: 26, fill: '#efebe2' }))
}
