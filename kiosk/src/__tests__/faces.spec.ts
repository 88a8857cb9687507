// kiosk/src is organised by face (tablet, staff, phone) around one core: a face imports the core, never another face,
// and the core (with db/ and pwa/) imports no face. Only the app shell (main.ts, router.ts) knows all three.
// One exception: the phone page reuses the tablet's menu, dish sheet and cart pieces (and their words) rather than
// keeping a second copy of them.
import { describe, expect, it } from 'vitest'

const FACES = ['tablet', 'staff', 'phone']

/** What the phone may import from the tablet. */
const TABLET_PARTS_FOR_PHONE = [
  /^tablet\/components\/menu\//,
  /^tablet\/components\/cart\/CartLine\.vue$/,
  /^tablet\/composables\/(?:useDishChoice|useDishSheet|useMenuCatalog)$/,
  /^tablet\/stores\/(?:cart|menu)$/,
  /^tablet\/lib\//,
  /^tablet\/i18n$/,
]

const sources = import.meta.glob<string>(['../*/**/*.{ts,vue}', '!../**/__tests__/**'], { query: '?raw', import: 'default', eager: true })

/** `../staff/x.vue` (relative to this folder) → `staff/x.vue`. */
function pathOf (file: string): string {
  return file.replace(/^\.\.\//, '')
}

function resolve (from: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return specifier.slice(2)
  if (!specifier.startsWith('.')) return null
  const parts = from.split('/').slice(0, -1)
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.') parts.push(part)
  }
  return parts.join('/')
}

describe('faces', () => {
  it('has a folder per face, and every source file in one of them or the core', () => {
    const tops = new Set(Object.keys(sources).map(file => pathOf(file).split('/')[0]))
    expect([...tops].sort()).toEqual(['core', 'db', 'phone', 'pwa', 'staff', 'tablet'])
  })

  it('lets a face import the core only, and the core no face', () => {
    const crossings: string[] = []
    for (const [file, source] of Object.entries(sources)) {
      const from = pathOf(file)
      const home = from.split('/')[0]!
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const target = resolve(from, match[1]!)
        const face = target?.split('/')[0]
        if (!face || !FACES.includes(face) || face === home) continue
        if (home === 'phone' && TABLET_PARTS_FOR_PHONE.some(rule => rule.test(target!))) continue
        crossings.push(`${from} → ${match[1]}`)
      }
    }
    expect(crossings).toEqual([])
  })
})
