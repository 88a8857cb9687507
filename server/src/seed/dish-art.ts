// Draws an appetising SVG picture of a dish from its art description: warm table, vessel, food.
import { backdrop, chopsticks, HEIGHT, spoon, WIDTH } from './art/backdrop.js'
import { drawGlass } from './art/glass.js'
import { drawLayer } from './art/layers.js'
import { createRng } from './art/random.js'
import type { DishArt } from './art/spec.js'
import { Defs } from './art/svg.js'
import { drawVessel } from './art/vessels.js'

export type { DishArt } from './art/spec.js'

/**
 * The picture for one dish. `seed` (the dish id) fixes every random choice, so the same dish
 * always looks the same and two dumpling dishes still differ.
 */
export function renderDishArt (art: DishArt, seed: string, title = ''): string {
  const rng = createRng(seed)
  const defs = new Defs()
  let body: string
  if (art.vessel === 'glass') {
    body = backdrop(defs, rng, false) + drawGlass(defs, rng, art)
  } else {
    const withMat = art.vessel !== 'platter' && rng.chance(0.3)
    const table = backdrop(defs, rng, withMat)
    const side = art.side ?? defaultSide(art.vessel)
    const vessel = drawVessel(defs, rng, art)
    const food = art.layers.map(layer => drawLayer(defs, rng, vessel.region, layer)).join('')
    const accessory = side === 'chopsticks' ? chopsticks(rng) : side === 'spoon' ? spoon(defs) : ''
    body = table + vessel.under + food + accessory
  }
  const label = title ? `<title>${escapeXml(title)}</title>` : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img">${label}${defs.toString()}${body}</svg>`
}

function escapeXml (text: string): string {
  return text.replace(/[<>&"']/g, ch => `&#${ch.charCodeAt(0)};`)
}

/** Soups get a spoon; wide platters and pans leave no room beside them. */
function defaultSide (vessel: Exclude<DishArt['vessel'], 'glass'>): 'chopsticks' | 'spoon' | 'none' {
  if (vessel === 'bowl' || vessel === 'teacup') return 'spoon'
  if (vessel === 'platter' || vessel === 'skillet') return 'none'
  return 'chopsticks'
}
