// No module of the kiosk, the server or shared/ imports itself through others: a cycle makes load order decide which
// module sees the other half-initialised, and it blurs which layer depends on which.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importCycles, importGraph, sourceFiles } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

describe('import cycles', () => {
  it('finds none in kiosk/src, server/src or shared/src', () => {
    const files = sourceFiles(ROOT, ['kiosk/src', 'server/src', 'shared/src'])
    const graph = importGraph(ROOT, files)
    // The walk must see the code it guards: every face, the server's layers, and edges through the aliases.
    expect(files.length).toBeGreaterThan(400)
    expect(graph.get('kiosk/src/tablet/stores/bill.ts')).toContain('kiosk/src/core/api/client.ts')
    expect(graph.get('kiosk/src/tablet/stores/bill.ts')).toContain('shared/src/statuses.ts')
    expect(graph.get('server/src/app.ts')?.size).toBeGreaterThan(3)
    expect(importCycles(graph)).toEqual([])
  })

  describe('the detector', () => {
    const detect = (sources: Record<string, string>): string[][] =>
      importCycles(importGraph('/repo', Object.keys(sources), file => sources[file]!))

    it('reports a cycle of value imports, through relative paths and aliases', () => {
      expect(detect({
        'kiosk/src/a.ts': "import { b } from './b'\n",
        'kiosk/src/b.ts': "import { c } from '@/c'\n",
        'kiosk/src/c.vue': "<script setup lang=\"ts\">\nimport { a } from '../src/a'\n</script>\n",
      })).toEqual([['kiosk/src/a.ts', 'kiosk/src/b.ts', 'kiosk/src/c.vue']])
      expect(detect({
        'server/src/x.ts': "export { y } from './y.js'\n",
        'server/src/y.ts': "import './x.js'\n",
      })).toEqual([['server/src/x.ts', 'server/src/y.ts']])
    })

    it('ignores type-only and dynamic imports, which cannot make a module wait for itself', () => {
      expect(detect({
        'server/src/a.ts': "import type { B } from './b.js'\nimport { type C } from './b.js'\n",
        'server/src/b.ts': "import { a } from './a.js'\n",
        'server/src/c.ts': "import { b } from './b.js'\nexport async function later () {\n  return import('./c.js')\n}\n",
      })).toEqual([])
    })
  })
})
