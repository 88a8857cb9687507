// One rule for "is a diner here, may the tablet reset, may a new version take over", shared by idle and updates.
import { describe, expect, it } from 'vitest'
import { dinerPresent, mayApplyUpdate, mayReset, screenOf, type TabletMoment } from '@/tablet/policy'

const BETWEEN_DINERS: TabletMoment = {
  screen: 'attract', otherLanguage: false, cartEmpty: true, paymentOpen: false, sending: false, unsentOrders: 0, staffMode: false,
}
const ORDERING: TabletMoment = { ...BETWEEN_DINERS, screen: 'menu', cartEmpty: false }

describe('tablet policy', () => {
  it('derives the screen from the checkout: paying shows the payment screen, paid the thanks', () => {
    expect(screenOf('cart', false)).toBe('attract')
    expect(screenOf('cart', true)).toBe('menu')
    for (const phase of ['sending', 'queued', 'sendFailed', 'payment'] as const) expect(screenOf(phase, false), phase).toBe('pay')
    expect(screenOf('paid', true)).toBe('thanks')
    expect(screenOf('sent', true)).toBe('thanks')
  })

  it('opens the table\'s bill over the menu or the thanks, never over an order being sent or paid', () => {
    expect(screenOf('cart', true, true)).toBe('bill')
    expect(screenOf('paid', true, true)).toBe('bill')
    expect(screenOf('sent', true, true)).toBe('bill')
    for (const phase of ['sending', 'queued', 'sendFailed', 'payment'] as const) expect(screenOf(phase, true, true), phase).toBe('pay')
  })

  it('sees a diner in a screen past the attract screen, a language switched or a cart', () => {
    expect(dinerPresent(BETWEEN_DINERS)).toBe(false)
    expect(dinerPresent({ ...BETWEEN_DINERS, screen: 'menu' })).toBe(true)
    expect(dinerPresent({ ...BETWEEN_DINERS, otherLanguage: true })).toBe(true)
    expect(dinerPresent({ ...BETWEEN_DINERS, cartEmpty: false })).toBe(true)
    expect(dinerPresent({ ...BETWEEN_DINERS, screen: 'pairing' })).toBe(false)
  })

  it('applies a waiting version between diners', () => {
    expect(mayApplyUpdate(BETWEEN_DINERS)).toBe(true)
  })

  it('never applies it mid-order, while paying, with an order on its way, or for staff', () => {
    for (const screen of ['menu', 'pay', 'thanks', 'pairing', 'loading'] as const) expect(mayApplyUpdate({ ...BETWEEN_DINERS, screen }), screen).toBe(false)
    expect(mayApplyUpdate({ ...BETWEEN_DINERS, cartEmpty: false })).toBe(false)
    expect(mayApplyUpdate({ ...BETWEEN_DINERS, otherLanguage: true })).toBe(false)
    expect(mayApplyUpdate({ ...BETWEEN_DINERS, paymentOpen: true })).toBe(false)
    expect(mayApplyUpdate({ ...BETWEEN_DINERS, sending: true })).toBe(false)
    expect(mayApplyUpdate({ ...BETWEEN_DINERS, staffMode: true })).toBe(false)
  })

  it('resets only a diner\'s tablet, never during a payment, with an order unsent, or for staff', () => {
    expect(mayReset(ORDERING)).toBe(true)
    expect(mayReset(BETWEEN_DINERS)).toBe(false)
    expect(mayReset({ ...ORDERING, screen: 'pairing' })).toBe(false)
    expect(mayReset({ ...ORDERING, paymentOpen: true })).toBe(false)
    expect(mayReset({ ...ORDERING, sending: true })).toBe(false)
    expect(mayReset({ ...ORDERING, unsentOrders: 1 })).toBe(false)
    expect(mayReset({ ...ORDERING, staffMode: true })).toBe(false)
  })
})
