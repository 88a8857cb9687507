// The bill store comes with the bill screen's code (lazy-bill.ts): before that there is no bill to ask about, and once
// it is loaded the kiosk's rules see its payments and the reset between diners clears it, as with any other store.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import * as db from '@/db'
import { PAIRED_DEVICE } from '@/__tests__/support'
import { useDeviceStore } from '@/tablet/stores/device'
import { useKioskStore } from '@/tablet/stores/kiosk'
import { loadBillStore, loadedBillStore } from '@/tablet/stores/lazy-bill'

describe('lazy bill store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useDeviceStore().apply(PAIRED_DEVICE)
  })
  afterEach(async () => {
    await db.destroy()
  })

  it('is absent until its code is loaded, and the kiosk then holds updates while its payment is open', async () => {
    const kiosk = useKioskStore()
    // Nothing in this file imported bill.ts yet: the first screen runs without it.
    expect(loadedBillStore()).toBeNull()
    expect(kiosk.updateAllowed).toBe(true)

    const bill = await loadBillStore()
    expect(loadedBillStore()).toBe(bill)
    bill.creating = true
    expect(kiosk.updateAllowed).toBe(false)

    kiosk.resetForNextDiner()
    expect(bill.creating).toBe(false)
    expect(kiosk.updateAllowed).toBe(true)
  })
})
