// Plates, bowls, steamers and pots seen from above; each leaves a circular food area.
import type { Rng } from './random.js'
import type { China, Region, TopDownArt } from './spec.js'
import { type Defs, darker, el, lighter } from './svg.js'

export const CX = 240
export const CY = 182

interface ChinaStyle { body: string, well: string, rim?: string }

const CHINA: Readonly<Record<China, ChinaStyle>> = {
  white: { body: '#fbfaf6', well: '#f0ede4' },
  cream: { body: '#f6eedb', well: '#ebe0c6' },
  celadon: { body: '#cfe0cf', well: '#bcd3bd' },
  black: { body: '#2f2d2b', well: '#242220' },
  'blue-rim': { body: '#fbfaf6', well: '#f0ede4', rim: '#2f5aa8' },
  'red-rim': { body: '#fbfaf6', well: '#f0ede4', rim: '#b3261e' },
}

export interface DrawnVessel {
  under: string
  region: Region
}

function shadowDisc (defs: Defs, rx: number, ry: number): string {
  return el('ellipse', { cx: CX + 8, cy: CY + 12, rx, ry, fill: '#000', opacity: 0.35, filter: defs.blur(9) })
}

function rimPattern (color: string, radius: number): string {
  return el('circle', { cx: CX, cy: CY, r: radius - 5, fill: 'none', stroke: color, 'stroke-width': 3 }) +
    el('circle', { cx: CX, cy: CY, r: radius - 12, fill: 'none', stroke: color, 'stroke-width': 1.2, 'stroke-dasharray': '6 5' })
}

function plate (defs: Defs, style: ChinaStyle): DrawnVessel {
  return {
    under: shadowDisc(defs, 156, 156) +
      el('circle', { cx: CX, cy: CY, r: 156, fill: defs.radial(lighter(style.body, 0.5), darker(style.body, 0.06)) }) +
      (style.rim ? rimPattern(style.rim, 156) : '') +
      el('circle', { cx: CX, cy: CY, r: 118, fill: defs.radial(style.well, lighter(style.well, 0.3), [0.6, 0.65]), stroke: darker(style.body, 0.06), 'stroke-width': 2 }),
    region: { cx: CX, cy: CY, r: 112 },
  }
}

function platter (defs: Defs, style: ChinaStyle): DrawnVessel {
  return {
    under: el('ellipse', { cx: CX + 8, cy: CY + 12, rx: 214, ry: 150, fill: '#000', opacity: 0.35, filter: defs.blur(9) }) +
      el('ellipse', { cx: CX, cy: CY, rx: 214, ry: 150, fill: defs.radial(lighter(style.body, 0.5), darker(style.body, 0.06)) }) +
      (style.rim ? el('ellipse', { cx: CX, cy: CY, rx: 207, ry: 143, fill: 'none', stroke: style.rim, 'stroke-width': 3 }) : '') +
      el('ellipse', { cx: CX, cy: CY, rx: 176, ry: 114, fill: style.well, stroke: darker(style.body, 0.06), 'stroke-width': 2 }),
    region: { cx: CX, cy: CY, r: 118 },
  }
}

function bowl (defs: Defs, style: ChinaStyle): DrawnVessel {
  return {
    under: shadowDisc(defs, 150, 150) +
      el('circle', { cx: CX, cy: CY, r: 150, fill: defs.radial(lighter(style.body, 0.6), darker(style.body, 0.1), [0.3, 0.25]) }) +
      (style.rim ? rimPattern(style.rim, 150) : '') +
      el('circle', { cx: CX, cy: CY, r: 130, fill: defs.radial(darker(style.well, 0.12), lighter(style.well, 0.2), [0.65, 0.7]) }),
    region: { cx: CX, cy: CY, r: 126 },
  }
}

function steamer (defs: Defs): DrawnVessel {
  let weave = ''
  for (let r = 136; r <= 150; r += 4) weave += el('circle', { cx: CX, cy: CY, r, fill: 'none', stroke: '#a9823f', 'stroke-width': 1.2 })
  let holes = ''
  for (let y = CY - 120; y <= CY + 120; y += 22) {
    for (let x = CX - 120; x <= CX + 120; x += 22) {
      if (Math.hypot(x - CX, y - CY) < 112) holes += el('circle', { cx: x, cy: y, r: 2.2, fill: '#d9c79c' })
    }
  }
  return {
    under: shadowDisc(defs, 156, 156) +
      el('circle', { cx: CX, cy: CY, r: 156, fill: defs.radial('#e6c98c', '#b98f4a') }) + weave +
      el('circle', { cx: CX, cy: CY, r: 132, fill: '#efe3c4', stroke: '#c7a867', 'stroke-width': 3 }) + holes,
    region: { cx: CX, cy: CY, r: 118 },
  }
}

function claypot (defs: Defs): DrawnVessel {
  const handle = (x: number) => el('ellipse', { cx: x, cy: CY, rx: 24, ry: 16, fill: '#4a2e1f', stroke: '#2f1d13', 'stroke-width': 2 })
  return {
    under: shadowDisc(defs, 150, 150) + handle(CX - 150) + handle(CX + 150) +
      el('circle', { cx: CX, cy: CY, r: 148, fill: defs.radial('#8a5a3c', '#3f2517', [0.3, 0.25]) }) +
      el('circle', { cx: CX, cy: CY, r: 126, fill: '#2e1a10' }),
    region: { cx: CX, cy: CY, r: 120 },
  }
}

function skillet (defs: Defs): DrawnVessel {
  return {
    under: el('rect', { x: CX + 120, y: CY - 16, width: 130, height: 32, rx: 12, fill: '#1f1d1c' }) + shadowDisc(defs, 148, 148) +
      el('circle', { cx: CX, cy: CY, r: 148, fill: defs.radial('#55504c', '#1c1a19', [0.3, 0.25]) }) +
      el('circle', { cx: CX, cy: CY, r: 128, fill: '#2a2724' }),
    region: { cx: CX, cy: CY, r: 118 },
  }
}

function teacup (defs: Defs, style: ChinaStyle): DrawnVessel {
  return {
    under: shadowDisc(defs, 128, 128) +
      el('circle', { cx: CX, cy: CY, r: 128, fill: defs.radial(lighter(style.body, 0.5), darker(style.body, 0.08)) }) +
      (style.rim ? rimPattern(style.rim, 128) : '') +
      el('circle', { cx: CX + 6, cy: CY + 8, r: 90, fill: '#000', opacity: 0.15 }) +
      el('circle', { cx: CX, cy: CY, r: 90, fill: defs.radial('#ffffff', darker(style.body, 0.05)) }) +
      el('circle', { cx: CX, cy: CY, r: 78, fill: darker(style.well, 0.05) }),
    region: { cx: CX, cy: CY, r: 76 },
  }
}

export function drawVessel (defs: Defs, rng: Rng, art: TopDownArt): DrawnVessel {
  const style = CHINA[art.china ?? rng.pick<China>(['white', 'cream', 'blue-rim', 'celadon'])]
  switch (art.vessel) {
    case 'plate': return plate(defs, style)
    case 'platter': return platter(defs, style)
    case 'bowl': return bowl(defs, style)
    case 'steamer': return steamer(defs)
    case 'claypot': return claypot(defs)
    case 'skillet': return skillet(defs)
    case 'teacup': return teacup(defs, style)
  }
}
