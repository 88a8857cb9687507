// The offline banner: quiet through a short blip, shown while the server stays away, with the orders waiting on the tablet.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import KioskOfflineBanner from '@/tablet/components/kiosk/KioskOfflineBanner.vue'
import { reportServerReachable } from '@/core/composables/useOnline'
import { createTabletI18n } from '@/tablet/__tests__/tablet-i18n'
import { useOutboxStore } from '@/tablet/stores/outbox'

let pinia: Pinia
let wrapper: VueWrapper

describe('KioskOfflineBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    pinia = createPinia()
    setActivePinia(pinia)
    reportServerReachable(true)
    wrapper = mount(KioskOfflineBanner, { global: { plugins: [pinia, createTabletI18n()] } })
  })

  afterEach(() => {
    wrapper.unmount()
    reportServerReachable(true)
    vi.useRealTimers()
  })

  const banner = () => wrapper.find('[data-testid="offline-banner"]')

  it('stays quiet through a reconnect of a second, and shows once the server stays away', async () => {
    reportServerReachable(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(banner().exists()).toBe(false)
    reportServerReachable(true)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(banner().exists()).toBe(false)

    reportServerReachable(false)
    await vi.advanceTimersByTimeAsync(1_500)
    expect(banner().text()).toContain('you can keep ordering')
    expect(banner().text()).toContain('paying waits for it')

    reportServerReachable(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(banner().exists()).toBe(false)
  })

  it('counts the orders waiting to be sent', async () => {
    useOutboxStore().entries = [
      { clientOrderId: 'a', body: { clientOrderId: 'a', lines: [] }, createdAt: 'now', attempts: 1, lastErrorCode: 'NETWORK_ERROR', lastAttemptAt: null },
      { clientOrderId: 'b', body: { clientOrderId: 'b', lines: [] }, createdAt: 'now', attempts: 1, lastErrorCode: 'NETWORK_ERROR', lastAttemptAt: null },
    ]
    reportServerReachable(false)
    await vi.advanceTimersByTimeAsync(1_500)
    expect(wrapper.get('[data-testid="offline-waiting"]').text()).toBe('2 orders waiting to be sent')
  })
})
