// The table's bill on the tablet: who ordered what, paying all / an even part / the tablet's own orders with a QR,
// live re-reads on check.updated, plain words for refusals; and the "Order on your phone" QR.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { formatMoney } from '@shared/money'
import type { Check, CheckOrder, CreateCheckPayment } from '@shared/schemas/check'
import type { CreateOrder } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import * as db from '@/db'
import { createTabletI18n } from '@/tablet/__tests__/tablet-i18n'
import { loadScreens } from '@/tablet/lazy-screens'
import { useCartStore } from '@/tablet/stores/cart'
import { useOutboxStore } from '@/tablet/stores/outbox'
import TabletView from '@/tablet/TabletView.vue'
import { FakeEventSource, MENU, PAIRED_DEVICE, createMockServer, orderFor, paymentFor, type MockServer } from '@/__tests__/support'

const AT = '2030-01-01T12:00:00.000Z'
const yuan = (fen: number) => formatMoney(fen, 'CNY', 'en')

function checkOrder (id: string, number: number, dinerId: string | null, itemId: string, quantity: number, overrides: Partial<CheckOrder> = {}): CheckOrder {
  const order = orderFor({ clientOrderId: `${id}-0000-0000`, lines: [{ itemId, quantity, optionIds: itemId === 'mapo' ? ['mild'] : [] }] })
  return { ...order, id, number, createdAt: `2030-01-01T12:0${number % 10}:00.000Z`, dinerId, due: order.total, ...overrides }
}

function checkPayment (overrides: Partial<Payment> = {}): Payment {
  return {
    id: 'pay_check_1',
    orderId: null,
    checkId: 'chk_1',
    method: 'alipay_qr',
    status: 'waiting',
    amount: 0,
    refundedAmount: 0,
    currency: 'CNY',
    qrCode: 'https://qr.alipay.com/bax00000000000000check',
    tradeNo: null,
    expiresAt: new Date(Date.now() + 120_000).toISOString(),
    failureCode: null,
    createdAt: AT,
    updatedAt: new Date().toISOString(),
    ...overrides,
  }
}

/** Tea ×2 on the tablet (¥24, paid), mapo from Diner 1 (¥38), tea from Diner 2 (¥12). */
function tableCheck (overrides: Partial<Check> = {}): Check {
  const orders = [
    checkOrder('ord_t', 1, null, 'tea', 2, { status: 'paid', due: 0 }),
    checkOrder('ord_d1', 2, 'din_1', 'mapo', 1),
    checkOrder('ord_d2', 3, 'din_2', 'tea', 1),
    checkOrder('ord_t2', 4, null, 'tea', 1),
  ]
  const total = orders.reduce((sum, order) => sum + order.total, 0)
  const due = orders.reduce((sum, order) => sum + order.due, 0)
  return {
    id: 'chk_1',
    tableId: 'tbl_5',
    tableLabel: '5',
    status: 'open',
    paymentMode: 'tab',
    currency: 'CNY',
    orders,
    diners: [
      { id: 'din_2', number: 2, label: 'Diner 2', isMe: false },
      { id: 'din_1', number: 1, label: 'Diner 1', isMe: false },
    ],
    total,
    paid: total - due,
    due,
    pending: 0,
    split: null,
    payments: [],
    openedAt: AT,
    closedAt: null,
    ...overrides,
  }
}

let server: MockServer
let wrapper: VueWrapper
let check: Check

const find = (testid: string) => wrapper.find(`[data-testid="${testid}"]`)
const stream = () => FakeEventSource.instances.at(-1)!
const checkReads = () => server.callsTo('GET', '/api/table/check').length

async function mountTablet (device = PAIRED_DEVICE, i18n = createTabletI18n()): Promise<void> {
  server.on('GET /api/devices/me', () => ({ status: 200, body: device }))
  wrapper = mount(TabletView, { global: { plugins: [i18n], stubs: { teleport: true } } })
  await vi.waitFor(() => expect(find('attract-screen').exists()).toBe(true))
  await loadScreens()
}

async function openBill (i18n = createTabletI18n()): Promise<void> {
  await mountTablet(PAIRED_DEVICE, i18n)
  await wrapper.get('[data-testid="start-order"]').trigger('click')
  await vi.waitFor(() => expect(find('menu-screen').exists()).toBe(true))
  await wrapper.get('[data-testid="tablet-bill-open"]').trigger('click')
  await vi.waitFor(() => expect(find('tablet-bill').exists()).toBe(true))
}

describe('the tablet\'s bill', () => {
  beforeEach(() => {
    server = createMockServer()
    server.on('GET /api/menu', () => ({ status: 200, body: MENU, headers: { etag: '"v1"' } }))
    check = tableCheck()
    server.on('GET /api/table/check', () => ({ status: 200, body: check }))
    vi.stubGlobal('fetch', server.fetch)
    vi.stubGlobal('EventSource', FakeEventSource)
    FakeEventSource.instances = []
    setActivePinia(createPinia())
  })

  afterEach(async () => {
    wrapper.unmount()
    useOutboxStore().stop()
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('shows who ordered what, each order\'s status, and total / paid / due', async () => {
    await openBill()
    await vi.waitFor(() => expect(find('tablet-bill').attributes('data-state')).toBe('ready'))

    expect(wrapper.findAll('[data-testid="tablet-bill-who"]').map(who => who.text())).toEqual(['Table tablet', 'Diner 1', 'Diner 2'])
    const orders = wrapper.findAll('[data-testid="tablet-bill-order"]')
    expect(orders.map(order => [order.attributes('data-order-id'), order.attributes('data-diner')])).toEqual([
      ['ord_t', 'tablet'], ['ord_t2', 'tablet'], ['ord_d1', '1'], ['ord_d2', '2'],
    ])
    expect(orders[0]!.text()).toContain('Paid')
    expect(orders[2]!.text()).toContain('Mapo tofu')
    expect(orders[2]!.text()).toContain('Ordered')
    expect(find('tablet-bill-total').text()).toBe(yuan(2400 + 3800 + 1200 + 1200))
    expect(find('tablet-bill-paid').text()).toBe(yuan(2400))
    expect(find('tablet-bill-due').text()).toBe(yuan(3800 + 1200 + 1200))
    // The tablet pays only what was ordered on it and is still due.
    expect(find('tablet-bill-pay-mine').text()).toContain(yuan(1200))
  })

  it('words the diners in Chinese from their number', async () => {
    await openBill(createTabletI18n('zh-CN'))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="tablet-bill-who"]').map(who => who.text())).toEqual(['桌上平板', '食客 1', '食客 2']))
    expect(find('tablet-bill-pay-all').text()).toContain('全部支付')
  })

  it('says "Nothing ordered yet" while the table has no check', async () => {
    server.on('GET /api/table/check', () => ({ status: 404, body: { code: 'CHECK_NOT_FOUND', message: 'no check' } }))
    await openBill()
    await vi.waitFor(() => expect(find('tablet-bill-empty').text()).toContain('Nothing ordered yet'))
  })

  it('"Pay all" shows the check payment\'s QR until the server says paid, then the bill again', async () => {
    let payment = checkPayment({ amount: check.due })
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: payment }))
    server.on('GET /api/payments/:id', () => ({ status: 200, body: payment }))
    await openBill()
    await vi.waitFor(() => expect(find('tablet-bill-pay-all').exists()).toBe(true))
    expect(find('tablet-bill-pay-all').text()).toContain(yuan(check.due))

    await find('tablet-bill-pay-all').trigger('click')
    await vi.waitFor(() => expect(find('tablet-bill-qr').exists()).toBe(true))
    expect(server.callsTo('POST', '/api/table/check/payments').map(call => call.body)).toEqual([{ method: 'alipay_qr', scope: 'all' }])
    expect(find('tablet-bill-qr').find('[data-qr-value]').attributes('data-qr-value')).toBe(payment.qrCode)
    expect(find('tablet-bill-pay-amount').text()).toBe(yuan(check.due))

    payment = { ...payment, status: 'paid', updatedAt: new Date(Date.now() + 1_000).toISOString() }
    check = { ...check, paid: check.total, due: 0, payments: [payment], orders: check.orders.map(order => ({ ...order, due: 0 })) }
    stream().emit('payment.updated', payment)
    stream().emit('check.updated', { checkId: 'chk_1' })

    await vi.waitFor(() => expect(find('tablet-bill-qr').exists()).toBe(false))
    await vi.waitFor(() => expect(find('tablet-bill-due').text()).toBe(yuan(0)))
    expect(find('tablet-bill-notice').text()).toBe(`${yuan(payment.amount)} paid. Thank you!`)
    expect(find('tablet-bill-pay-all').exists()).toBe(false)
  })

  it('"Split evenly" asks how many parts and pays one part; with a split running it pays the next part', async () => {
    server.on('POST /api/table/check/payments', call => ({
      status: 201,
      body: checkPayment({ amount: Math.floor(check.due / ((call.body as CreateCheckPayment).parts ?? 1)) }),
    }))
    await openBill()
    await vi.waitFor(() => expect(find('tablet-bill-pay-even').exists()).toBe(true))
    await find('tablet-bill-pay-even').trigger('click')
    expect(find('tablet-bill-parts').exists()).toBe(true)
    await wrapper.get('[data-testid="tablet-bill-parts-increase"]').trigger('click')
    expect(wrapper.get('[data-testid="tablet-bill-parts-value"]').text()).toBe('3')
    expect(find('tablet-bill-parts-each').text()).toContain(yuan(Math.floor(check.due / 3)))
    await wrapper.get('[data-testid="tablet-bill-split-pay"]').trigger('click')

    await vi.waitFor(() => expect(find('tablet-bill-qr').exists()).toBe(true))
    expect(server.callsTo('POST', '/api/table/check/payments').map(call => call.body)).toEqual([{ method: 'alipay_qr', scope: 'even', parts: 3 }])

    // Cancelled: back at the bill, now with the split the server fixed.
    server.on('POST /api/payments/:id/cancel', () => ({ status: 200, body: checkPayment({ status: 'cancelled', updatedAt: new Date(Date.now() + 1_000).toISOString() }) }))
    check = { ...check, split: { parts: 3, base: check.due, paidParts: 1, nextAmount: 2066 } }
    await find('tablet-bill-pay-cancel').trigger('click')
    await vi.waitFor(() => expect(find('tablet-bill-split-progress').exists()).toBe(true))
    expect(find('tablet-bill-split-progress').text()).toContain('Split in 3 parts: 1 paid')
    expect(find('tablet-bill-split-progress').text()).toContain(`Next part: ${yuan(2066)}`)

    await find('tablet-bill-pay-even').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/table/check/payments')).toHaveLength(2))
    expect(server.callsTo('POST', '/api/table/check/payments')[1]!.body).toEqual({ method: 'alipay_qr', scope: 'even', parts: 3 })
  })

  it('"Pay the tablet\'s orders" pays scope mine', async () => {
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: checkPayment({ amount: 1200 }) }))
    await openBill()
    await vi.waitFor(() => expect(find('tablet-bill-pay-mine').exists()).toBe(true))
    await find('tablet-bill-pay-mine').trigger('click')
    await vi.waitFor(() => expect(find('tablet-bill-qr').exists()).toBe(true))
    expect(server.callsTo('POST', '/api/table/check/payments')[0]!.body).toEqual({ method: 'alipay_qr', scope: 'mine' })
  })

  it('pays one diner\'s part at the tablet\'s QR: scope mine naming the diner', async () => {
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: checkPayment({ amount: 1200 }) }))
    await openBill()
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="tablet-bill-pay-diner"]')).toHaveLength(2))
    const second = wrapper.get('[data-testid="tablet-bill-pay-diner"][data-diner="2"]')
    expect(second.text()).toBe(`Pay Diner 2's part · ${yuan(1200)}`)
    await second.trigger('click')
    await vi.waitFor(() => expect(find('tablet-bill-qr').exists()).toBe(true))
    expect(server.callsTo('POST', '/api/table/check/payments')[0]!.body).toEqual({ method: 'alipay_qr', scope: 'mine', dinerId: 'din_2' })
  })

  it('reads the check again when someone at the table orders or pays (check.updated)', async () => {
    await openBill()
    await vi.waitFor(() => expect(find('tablet-bill').attributes('data-state')).toBe('ready'))
    const reads = checkReads()

    check = { ...check, orders: [...check.orders, checkOrder('ord_d1b', 5, 'din_1', 'tea', 3)], total: check.total + 3600, due: check.due + 3600 }
    stream().emit('check.updated', { checkId: 'chk_1' })

    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="tablet-bill-order"]')).toHaveLength(5))
    expect(checkReads()).toBe(reads + 1)
    expect(find('tablet-bill-due').text()).toBe(yuan(check.due))
  })

  it.each([
    ['CHECK_OVERPAY', 'That would pay more than the bill'],
    ['NOTHING_DUE', 'There is nothing left to pay for that.'],
    ['SPLIT_IN_PROGRESS', 'The bill is already being split'],
  ])('explains a refused payment (%s) in plain words', async (code, words) => {
    server.on('POST /api/table/check/payments', () => ({ status: 409, body: { code, message: code } }))
    await openBill()
    await vi.waitFor(() => expect(find('tablet-bill-pay-all').exists()).toBe(true))
    await find('tablet-bill-pay-all').trigger('click')
    await vi.waitFor(() => expect(find('tablet-bill-error-message').text()).toContain(words))
    expect(find('tablet-bill-qr').exists()).toBe(false)
  })

  it('in tab mode sends an order to the kitchen without a QR; the thank-you screen opens the bill', async () => {
    server.on('POST /api/orders', call => ({ status: 201, body: orderFor(call.body as CreateOrder) }))
    await mountTablet()
    await wrapper.get('[data-testid="start-order"]').trigger('click')
    await vi.waitFor(() => expect(find('menu-screen').exists()).toBe(true))
    useCartStore().add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await wrapper.vm.$nextTick()
    await wrapper.get('[data-testid="place-order"]').trigger('click')

    await vi.waitFor(() => expect(find('thanks-screen').exists()).toBe(true))
    expect(find('thanks-paid').text()).toBe('Sent to the kitchen. Pay the table\'s bill when you are done: tap Bill.')
    expect(find('order-status').text()).toContain('Sent')
    expect(server.calls.filter(call => call.path.endsWith('/payments'))).toHaveLength(0)
    expect(useCartStore().isEmpty).toBe(true)

    await find('tablet-bill-open').trigger('click')
    await vi.waitFor(() => expect(find('tablet-bill').attributes('data-state')).toBe('ready'))
    await find('tablet-bill-close').trigger('click')
    await vi.waitFor(() => expect(find('thanks-screen').exists()).toBe(true))
  })

  it('in pay-first mode still shows the order\'s own QR', async () => {
    check = tableCheck({ paymentMode: 'pay-first' })
    server.on('POST /api/orders', call => ({ status: 201, body: orderFor(call.body as CreateOrder) }))
    server.on('POST /api/orders/:id/payments', (_call, { id }) => ({ status: 201, body: paymentFor({ id: id!, total: 1200 }) }))
    await mountTablet()
    await wrapper.get('[data-testid="start-order"]').trigger('click')
    await vi.waitFor(() => expect(find('menu-screen').exists()).toBe(true))
    useCartStore().add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await wrapper.vm.$nextTick()
    await wrapper.get('[data-testid="place-order"]').trigger('click')
    await vi.waitFor(() => expect(find('pay-qr').exists()).toBe(true))
  })

  it('closes back to the menu it was opened from', async () => {
    await openBill()
    await find('tablet-bill-close').trigger('click')
    await vi.waitFor(() => expect(find('menu-screen').exists()).toBe(true))
  })
})

describe('"Order on your phone"', () => {
  beforeEach(() => {
    server = createMockServer()
    server.on('GET /api/menu', () => ({ status: 200, body: MENU, headers: { etag: '"v1"' } }))
    vi.stubGlobal('fetch', server.fetch)
    vi.stubGlobal('EventSource', FakeEventSource)
    setActivePinia(createPinia())
  })

  afterEach(async () => {
    wrapper.unmount()
    useOutboxStore().stop()
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('shows the table\'s QR: this server\'s /t/<table code>', async () => {
    await mountTablet({ ...PAIRED_DEVICE, table: { id: 'tbl_5', label: '5', code: 'k3Xq9' } })
    await find('tablet-phone-qr-open').trigger('click')
    await vi.waitFor(() => expect(find('tablet-phone-qr').exists()).toBe(true))
    // Not a tap on the attract screen: the diner stays there.
    expect(find('attract-screen').exists()).toBe(true)
    expect(find('tablet-phone-qr-code').attributes('data-qr-value')).toBe(`${location.origin}/t/k3Xq9`)
    expect(find('tablet-phone-qr').attributes('aria-labelledby')).toBe('phone-qr-title')

    await find('tablet-phone-qr-close').trigger('click')
    expect(find('tablet-phone-qr').exists()).toBe(false)
  })

  it('is not offered while the server has not sent the table\'s code', async () => {
    await mountTablet()
    expect(find('tablet-phone-qr-open').exists()).toBe(false)
  })
})
