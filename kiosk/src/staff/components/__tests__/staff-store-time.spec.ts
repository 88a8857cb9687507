// Every clock time in the console is the store's (STORE_TIMEZONE from the session), not the zone of the device showing it.
import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import StaffOrderCard from '../StaffOrderCard.vue'
import StaffPaymentEvents from '../StaffPaymentEvents.vue'
import { MANAGER, STORE, loggedIn, mountStaff, order } from './staff-support'

// 01:59 UTC is 09:59 in Shanghai (the store); the test runner's own zone (UTC on CI) reads it otherwise.
const AT = '2030-01-02T01:59:00.000Z'

let wrapper: VueWrapper | undefined

afterEach(() => wrapper?.unmount())

describe('times in the store\'s zone', () => {
  it('runs on a device whose clock zone is not the store\'s (else these checks prove nothing)', () => {
    expect(STORE.timezone).toBe('Asia/Shanghai')
    expect(new Date(AT).getHours()).not.toBe(9)
  })

  it('shows an order\'s time as the store\'s clock read it', async () => {
    ;({ wrapper } = await mountStaff(StaffOrderCard, { pinia: loggedIn(MANAGER), props: { order: order({ createdAt: AT, updatedAt: AT }) } }))
    expect(wrapper.get('time').text()).toBe('09:59')
  })

  it('shows a day and time in the store\'s calendar (a payment\'s history)', async () => {
    const events = [{ at: AT, source: 'notify', kind: 'paid', detail: {} }]
    ;({ wrapper } = await mountStaff(StaffPaymentEvents, { pinia: loggedIn(MANAGER), props: { events } }))
    expect(wrapper.get('time').text()).toBe('Jan 2, 09:59')
  })

  it('follows the store\'s zone when the server names another one', async () => {
    ;({ wrapper } = await mountStaff(StaffOrderCard, {
      pinia: loggedIn(MANAGER, { ...STORE, timezone: 'Europe/London' }),
      props: { order: order({ createdAt: AT, updatedAt: AT }) },
    }))
    expect(wrapper.get('time').text()).toBe('01:59')
  })
})
