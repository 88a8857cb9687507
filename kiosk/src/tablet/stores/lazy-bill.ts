// The bill store's code comes with the bill screen, not with the first screen: the kiosk store and the tablet's
// session reach it through here. Until its code is here no bill was ever opened, so there is no check, no payment
// and nothing to reset: whoever asks finds `null` and has nothing to do. The idle prefetch of the screens
// (lazy-screens.ts) brings it soon after start-up anyway.
import { shallowRef } from 'vue'
import type { useBillStore } from './bill'

type BillStore = ReturnType<typeof useBillStore>

/** Set by bill.ts when its module runs; reactive, so a computed that found no bill reads it again once it comes. */
const useLoadedBillStore = shallowRef<typeof useBillStore | null>(null)

/** Called by bill.ts as it loads (never needed elsewhere). */
export function registerBillStore (use: typeof useBillStore): void {
  useLoadedBillStore.value = use
}

/** The bill store, or `null` while its code has not been loaded (then no bill exists yet). */
export function loadedBillStore (): BillStore | null {
  return useLoadedBillStore.value?.() ?? null
}

/** The bill store, its code fetched first if needed (a check event for a bill still on its way to the screen). */
export async function loadBillStore (): Promise<BillStore> {
  const { useBillStore } = await import('./bill')
  return useBillStore()
}
