// The console's money inputs follow the amount's currency: a JPY refund and a JPY option price in whole yen,
// never "94.00" for 9,400 yen; amounts sent to the server are the minor units typed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import type { VueWrapper } from '@vue/test-utils'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffOptionGroupEditor from '../StaffOptionGroupEditor.vue'
import StaffRefundPanel from '../StaffRefundPanel.vue'
import { newGroup, type GroupDraft } from '../staff-item-draft'
import { MANAGER, loggedIn, mountStaff, payment } from './staff-support'

let server: MockServer
let wrapper: VueWrapper

beforeEach(() => {
  server = createMockServer()
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

describe('refunds in a JPY store', () => {
  it('offers the rest in whole yen, refuses decimals, and sends yen', async () => {
    server.on('POST /api/staff/payments/:id/refunds', call => ({
      status: 201,
      body: { id: 'ref_1', paymentId: 'pay_1', outRequestNo: 'r1', status: 'succeeded', createdAt: '2030-01-01T12:30:00.000Z', ...(call.body as object) },
    }))
    server.on('GET /api/staff/payments/:id', () => ({
      status: 200,
      body: { payment: payment({ currency: 'JPY', status: 'partially_refunded', refundedAmount: 1000 }), refunds: [], events: [] },
    }))
    ;({ wrapper } = await mountStaff(StaffRefundPanel, { pinia: loggedIn(MANAGER), props: { payment: payment({ currency: 'JPY' }) } }))
    const amount = wrapper.get('[data-testid="staff-refund-amount"]')
    expect((amount.element as HTMLInputElement).value).toBe('9400')
    expect(wrapper.get('[data-testid="staff-refund-amount-sign"]').text()).toBe('¥')
    expect(wrapper.get('[data-testid="staff-refund-full"]').text()).toContain('¥9,400')

    await amount.setValue('10.50')
    await wrapper.get('[data-testid="staff-refund-reason"]').setValue('Cold soup')
    await wrapper.get('[data-testid="staff-refund-submit"]').trigger('click')
    expect(wrapper.get('[data-testid="staff-refund-amount-error"]').text()).toBe('Japanese Yen has no decimals: enter a whole amount.')
    expect(wrapper.find('[data-testid="staff-refund-confirm"]').exists()).toBe(false)

    await amount.setValue('1000')
    await wrapper.get('[data-testid="staff-refund-submit"]').trigger('click')
    const confirm = wrapper.get('[data-testid="staff-refund-confirm"]')
    expect(confirm.text()).toContain('Give ¥1,000 back to the diner?')
    await confirm.get('[data-testid="staff-refund-confirm-ok"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-refund-outcome"]').exists()).toBe(true))
    expect(server.callsTo('POST', '/api/staff/payments/pay_1/refunds')[0]?.body).toEqual({ amount: 1000, reason: 'Cold soup' })
    expect(wrapper.get('[data-testid="staff-refund-outcome"]').text()).toContain('¥1,000 refunded')
  })
})

describe('option price changes in a JPY store', () => {
  it('shows and takes whole yen', async () => {
    const group = newGroup()
    group.options[1]!.priceDelta = 120
    const model = ref<GroupDraft>(group)
    const Host = defineComponent({
      setup: () => () => h(StaffOptionGroupEditor, {
        modelValue: model.value, index: 0, currency: 'JPY', 'onUpdate:modelValue': (next: GroupDraft) => { model.value = next },
      }),
    })
    ;({ wrapper } = await mountStaff(Host, { pinia: loggedIn(MANAGER) }))
    const deltas = wrapper.findAll('[data-testid="staff-option-delta"]')
    expect((deltas[0]!.element as HTMLInputElement).value).toBe('0')
    expect((deltas[1]!.element as HTMLInputElement).value).toBe('120')
    await deltas[1]!.setValue('-50')
    expect(model.value.options[1]!.priceDelta).toBe(-50)
    await deltas[1]!.setValue('1.5')
    expect(model.value.options[1]!.priceDelta).toBeNull()
  })
})
