// The thank-you screen says how the order was settled: Alipay, nothing to pay, or with staff.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import OrderThanks from '@/tablet/components/order/OrderThanks.vue'
import { createTabletI18n } from '@/tablet/__tests__/tablet-i18n'
import { useCheckoutStore } from '@/tablet/stores/checkout'
import { orderFor, paymentFor } from '@/__tests__/support'

const BODY = { clientOrderId: '5a1c0de4-0000-4000-8000-000000000001', lines: [{ itemId: 'tea', quantity: 1, optionIds: [] }] }

let pinia: Pinia
let wrapper: VueWrapper | undefined

function settledText (): string {
  wrapper = mount(OrderThanks, { global: { plugins: [pinia, createTabletI18n()] } })
  return wrapper.get('[data-testid="thanks-paid"]').text()
}

describe('OrderThanks', () => {
  beforeEach(() => {
    pinia = createPinia()
    setActivePinia(pinia)
  })
  afterEach(() => wrapper?.unmount())

  it('says there was nothing to pay for an order that comes to 0', () => {
    useCheckoutStore().order = orderFor(BODY, { status: 'paid', subtotal: 0, total: 0 })
    expect(settledText()).toBe('Nothing to pay – your order has gone to the kitchen')
  })

  it('names the Alipay payment, or the staff, for an order that cost something', () => {
    const checkout = useCheckoutStore()
    const order = orderFor(BODY, { status: 'paid' })
    checkout.order = order
    expect(settledText()).toBe('Settled with our staff')
    wrapper!.unmount()
    checkout.payment = paymentFor(order, { status: 'paid' })
    expect(settledText()).toMatch(/^Paid .+ with Alipay$/)
  })
})
