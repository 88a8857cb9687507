// Two builds differ in the entry script their index.html loads: that is how the tablet tells which one it runs.
import { describe, expect, it } from 'vitest'
import { entryScriptOf } from '@/tablet/composables/app-version'

describe('app version', () => {
  it('reads which build an index.html starts', () => {
    const html = '<head><script type="module" crossorigin src="/assets/index-Du-tMqaJ.js"></script><link rel="modulepreload" href="/assets/x.js"></head>'
    expect(entryScriptOf(html)).toBe('/assets/index-Du-tMqaJ.js')
    expect(entryScriptOf('<script src="/legacy.js"></script>')).toBeNull()
  })
})
