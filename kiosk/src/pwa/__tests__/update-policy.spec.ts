// A new version takes over only on the attract screen with nothing of a diner on the tablet.
import { describe, expect, it } from 'vitest'
import { canApplyUpdate, entryScriptOf, type TabletMoment } from '@/pwa/update-policy'

const BETWEEN_DINERS: TabletMoment = { screen: 'attract', dinerPresent: false, paymentOpen: false, sending: false, staffMode: false }

describe('update policy', () => {
  it('applies a waiting version between diners', () => {
    expect(canApplyUpdate(BETWEEN_DINERS)).toBe(true)
  })

  it('never applies it mid-order, while paying, with an order on its way, or for staff', () => {
    for (const screen of ['menu', 'pay', 'thanks', 'pairing', 'loading'] as const) expect(canApplyUpdate({ ...BETWEEN_DINERS, screen }), screen).toBe(false)
    expect(canApplyUpdate({ ...BETWEEN_DINERS, dinerPresent: true })).toBe(false)
    expect(canApplyUpdate({ ...BETWEEN_DINERS, paymentOpen: true })).toBe(false)
    expect(canApplyUpdate({ ...BETWEEN_DINERS, sending: true })).toBe(false)
    expect(canApplyUpdate({ ...BETWEEN_DINERS, staffMode: true })).toBe(false)
  })

  it('reads which build an index.html starts', () => {
    const html = '<head><script type="module" crossorigin src="/assets/index-Du-tMqaJ.js"></script><link rel="modulepreload" href="/assets/x.js"></head>'
    expect(entryScriptOf(html)).toBe('/assets/index-Du-tMqaJ.js')
    expect(entryScriptOf('<script src="/legacy.js"></script>')).toBeNull()
  })
})
