// The diner's phone page: ordering into the table's check, the check live with who ordered what, and paying a part
// of it through Alipay's JSBridge (the page only reports what the diner saw; paid comes from the server).
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { Check } from '@shared/schemas/check'
import type { CreateOrder } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import * as db from '@/db'
import { applyLocale, i18n } from '@/core/i18n'
import PhoneView from '@/phone/PhoneView.vue'
import { BRIDGE_READY_EVENT, type AlipayJSBridge, type TradePayResult } from '@/phone/lib/alipay-bridge'
import { resetSandboxBridge, SANDBOX_BRIDGE_URL } from '@/phone/lib/sandbox-bridge'
import { FakeEventSource, MENU, createMockServer, orderFor, type MockServer } from '@/__tests__/support'
import { TABLE_CODE, apiError, checkOf, checkOrder, jsapiPayment } from './phone-fixtures'

let server: MockServer
let wrapper: VueWrapper
/** What GET /api/table/check answers now. */
let check: Check | null

const find = (testid: string) => wrapper.find(`[data-testid="${testid}"]`)
const text = (testid: string) => find(testid).text()

async function mountPhone (): Promise<void> {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/t/:code/menu', component: PhoneView }] })
  await router.push(`/t/${TABLE_CODE}/menu`)
  await router.isReady()
  const App = defineComponent({ render: () => h(RouterView) })
  wrapper = mount(App, { global: { plugins: [createPinia(), i18n, router], stubs: { teleport: true } } })
  // The first mount compiles and fetches the page's lazy parts and words: give it longer than a re-render.
  await vi.waitFor(() => expect(find('phone-menu').exists()).toBe(true), { timeout: 10_000 })
}

async function click (testid: string): Promise<void> {
  // The dish sheet and the bill are chunks of their own, loaded on first use.
  await vi.waitFor(() => expect(find(testid).exists()).toBe(true), { timeout: 5_000 })
  await find(testid).trigger('click')
}

async function openCheck (): Promise<void> {
  await click('phone-tab-check')
  await vi.waitFor(() => expect(find('phone-check').attributes('data-state')).not.toBe('loading'))
}

function stream (): FakeEventSource {
  const source = FakeEventSource.instances.at(-1)
  if (!source) throw new Error('no event stream')
  return source
}

/** An Alipay bridge that answers tradePay with the code the test gives, when it gives it. */
function installBridge () {
  const pending: Array<(result: TradePayResult) => void> = []
  const call = vi.fn<AlipayJSBridge['call']>((_name, _options, callback) => { pending.push(callback) })
  window.AlipayJSBridge = { call }
  return {
    call,
    answer (resultCode: string): void {
      const callback = pending.shift()
      if (!callback) throw new Error('tradePay was not called')
      callback({ resultCode, memo: '' })
    },
  }
}

const ALIPAY_USER_AGENT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 AlipayClient/10.5.0'

const MY_ORDER = () => checkOrder([{ itemId: 'tea', quantity: 2, optionIds: [] }], 'din_me')

describe('PhoneView', () => {
  beforeEach(() => {
    server = createMockServer()
    check = null
    server.on('GET /api/menu', () => ({ status: 200, body: MENU, headers: { etag: '"v1"' } }))
    server.on('GET /api/health', () => ({ status: 200, body: { status: 'ok', version: 'test', alipayMode: 'production' } }))
    server.on('GET /api/table/check', () => check ? { status: 200, body: check } : apiError(404, 'CHECK_NOT_FOUND'))
    vi.stubGlobal('fetch', server.fetch)
    vi.stubGlobal('EventSource', FakeEventSource)
    FakeEventSource.instances = []
    sessionStorage.clear()
    resetSandboxBridge()
    setActivePinia(createPinia())
    applyLocale('en')
  })

  afterEach(async () => {
    wrapper.unmount()
    delete window.AlipayJSBridge
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    applyLocale('en')
    await db.destroy()
  })

  it('places the cart as a diner\'s order into the table\'s check and shows it there', async () => {
    server.on('POST /api/orders', (call) => {
      const order = orderFor(call.body as CreateOrder, { id: 'ord_new', number: 7 })
      check = checkOf([{ ...order, dinerId: 'din_me', due: order.total }])
      return { status: 201, body: order }
    })
    await mountPhone()
    await vi.waitFor(() => expect(text('phone-title')).toBe('Order at your table'))

    await click('dish-tea')
    await click('dish-add')
    await click('phone-cart-open')
    expect(find('phone-cart').exists()).toBe(true)
    expect(text('phone-send')).toBe('Order')
    await click('phone-send')

    await vi.waitFor(() => expect(find('phone-check-order').exists()).toBe(true))
    const [post] = server.callsTo('POST', '/api/orders')
    const body = post!.body as CreateOrder
    expect(body.clientOrderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(body.lines).toEqual([{ itemId: 'tea', quantity: 1, optionIds: [] }])
    expect(text('phone-check-order-by')).toBe('Ordered by You')
    expect(text('phone-check-order-status')).toBe('Waiting for payment')
    expect(text('phone-announcement')).toBe('Order 7 sent. You can see it in the table\'s bill.')
    expect(find('phone-cart-open').exists()).toBe(false)
    expect(sessionStorage.getItem(`tp-phone-cart:${TABLE_CODE}`)).toBeNull()
  })

  it('keeps the cart and says so when the phone has no network, and sends the same order on a retry', async () => {
    server.on('POST /api/orders', () => 'network-error')
    await mountPhone()
    await click('dish-tea')
    await click('dish-add')
    await click('phone-cart-open')
    await click('phone-send')

    await vi.waitFor(() => expect(text('phone-cart-error')).toBe('No connection. Check your phone\'s network and try again.'))
    expect(find('cart-line').exists()).toBe(true)
    expect(JSON.parse(sessionStorage.getItem(`tp-phone-cart:${TABLE_CODE}`)!)).toMatchObject({ lines: [{ itemId: 'tea', quantity: 1 }] })

    server.on('POST /api/orders', call => ({ status: 201, body: orderFor(call.body as CreateOrder) }))
    await click('phone-send')
    await vi.waitFor(() => expect(find('phone-check').exists()).toBe(true))
    const [first, second] = server.callsTo('POST', '/api/orders')
    expect((second!.body as CreateOrder).clientOrderId).toBe((first!.body as CreateOrder).clientOrderId)
  })

  it('puts back the cart this tab kept for the table (a reload, a trip through Alipay\'s authorization)', async () => {
    sessionStorage.setItem(`tp-phone-cart:${TABLE_CODE}`, JSON.stringify({
      lines: [{ key: 'k1', itemId: 'mapo', quantity: 2, optionIds: ['hot'], note: '' }],
      note: '',
    }))
    await mountPhone()
    await vi.waitFor(() => expect(text('phone-cart-open')).toBe('View your order (2 items) · ¥76.00'))
  })

  it('shows who ordered what (You, another diner by number, the tablet) in both languages', async () => {
    check = checkOf([
      MY_ORDER(),
      checkOrder([{ itemId: 'mapo', quantity: 1, optionIds: ['mild'] }], 'din_2'),
      checkOrder([{ itemId: 'tea', quantity: 1, optionIds: [] }], null, { status: 'paid', due: 0 }),
    ])
    await mountPhone()
    await openCheck()

    const orders = wrapper.findAll('[data-testid="phone-check-order"]')
    expect(orders.map(order => order.get('[data-testid="phone-check-order-by"]').text()))
      .toEqual(['Ordered by You', 'Ordered by Diner 2', 'Ordered by Table tablet'])
    expect(orders.map(order => order.attributes('data-by'))).toEqual(['me', 'diner', 'tablet'])
    expect(orders[1]!.text()).toContain('Mapo tofu')
    expect(orders[1]!.text()).toContain('Mild')
    expect(orders[2]!.get('[data-testid="phone-check-order-status"]').text()).toBe('Paid · with the kitchen')
    expect(text('phone-check-total')).toBe('¥74.00')
    expect(text('phone-check-paid')).toBe('¥12.00')
    expect(text('phone-check-due')).toBe('¥62.00')
    expect(text('phone-title')).toBe('Order at table 5')

    expect(find('phone-language').findAll('button')).toHaveLength(2)
    await click('lang-zh-CN')
    await vi.waitFor(() => expect(text('phone-title')).toBe('5 号桌点餐'))
    expect(wrapper.findAll('[data-testid="phone-check-order-by"]').map(by => by.text()))
      .toEqual(['点单人：你', '点单人：食客 2', '点单人：桌上平板'])
    expect(sessionStorage.getItem('tp-phone-locale')).toBe('zh-CN')
  })

  it.each([
    ['JPY', '¥7,400', '¥1,200', '¥6,200'],
    ['EUR', '€74.00', '€12.00', '€62.00'],
  ] as const)('shows the check in the store currency (%s) with its own decimals, in both languages', async (currency, total, paid, due) => {
    // The same minor units as the CNY test: 7400 is ¥7,400 in a Tokyo store and €74.00 in a Paris one.
    server.on('GET /api/menu', () => ({ status: 200, body: { ...MENU, currency }, headers: { etag: '"v1"' } }))
    check = checkOf([
      MY_ORDER(),
      checkOrder([{ itemId: 'mapo', quantity: 1, optionIds: ['mild'] }], 'din_2'),
      checkOrder([{ itemId: 'tea', quantity: 1, optionIds: [] }], null, { status: 'paid', due: 0 }),
    ], { currency })
    await mountPhone()
    await openCheck()
    expect([text('phone-check-total'), text('phone-check-paid'), text('phone-check-due')]).toEqual([total, paid, due])
    await click('lang-zh-CN')
    await vi.waitFor(() => expect(text('phone-title')).toBe('5 号桌点餐'))
    expect([text('phone-check-total'), text('phone-check-paid'), text('phone-check-due')]).toEqual([total, paid, due])
    if (currency === 'JPY') expect(find('phone-check').text()).not.toMatch(/¥[\d,]+\.\d/)
  })

  it('reads the check again when the stream says it changed', async () => {
    check = checkOf([MY_ORDER()])
    await mountPhone()
    await openCheck()
    expect(wrapper.findAll('[data-testid="phone-check-order"]')).toHaveLength(1)

    check = checkOf([...check.orders, checkOrder([{ itemId: 'tea', quantity: 1, optionIds: [] }], 'din_2')])
    stream().open()
    stream().emit('check.updated', { checkId: 'chk_1' })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="phone-check-order"]')).toHaveLength(2))
    expect(server.callsTo('GET', '/api/events')).toHaveLength(0)
    expect(stream().url).toBe('/api/events')
  })

  it('says "Nothing ordered yet" while the table has no check', async () => {
    await mountPhone()
    await openCheck()
    expect(find('phone-check-empty').text()).toContain('Nothing ordered yet.')
    expect(find('phone-pay-mine').exists()).toBe(false)
  })

  it('pays "my part" through tradePay with the server\'s tradeNo, then waits for the server to say paid', async () => {
    check = checkOf([MY_ORDER(), checkOrder([{ itemId: 'mapo', quantity: 1, optionIds: ['mild'] }], 'din_2')])
    const payment = jsapiPayment(2400)
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: payment }))
    const bridge = installBridge()
    await mountPhone()
    await openCheck()
    expect(text('phone-pay-mine')).toContain('¥24.00')

    await click('phone-pay-mine')
    await vi.waitFor(() => expect(bridge.call).toHaveBeenCalledTimes(1))
    expect(server.callsTo('POST', '/api/table/check/payments')[0]!.body).toEqual({ method: 'alipay_jsapi', scope: 'mine' })
    expect(bridge.call.mock.calls[0]!.slice(0, 2)).toEqual(['tradePay', { tradeNO: payment.tradeNo }])
    expect(text('phone-pay-status')).toBe('Finish the payment in Alipay.')

    bridge.answer('9000')
    await vi.waitFor(() => expect(text('phone-pay-status')).toBe('Alipay says it is paid. Confirming with the restaurant…'))

    stream().emit('payment.updated', { ...payment, status: 'paid' } satisfies Payment)
    await vi.waitFor(() => expect(text('phone-pay-status')).toBe('Paid. Thank you!'))
    expect(find('phone-pay-status').attributes('data-phase')).toBe('paid')
  })

  it.each([
    ['8000', 'processing', 'Alipay is still processing the payment. This page updates when it is confirmed; please don\'t pay again.', false],
    ['6001', 'cancelled', 'You cancelled the payment. Nothing was charged. You can try again.', true],
    ['6002', 'networkError', 'The network dropped during the payment. Check your connection and try again; you won\'t be charged twice.', false],
    ['4000', 'failed', 'The payment did not go through. Nothing was charged. You can try again.', true],
  ])('words tradePay\'s %s plainly (%s)', async (resultCode, phase, words, cancels) => {
    check = checkOf([MY_ORDER()])
    const payment = jsapiPayment(2400)
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: payment }))
    server.on('POST /api/payments/:id/cancel', () => ({ status: 200, body: { ...payment, status: 'cancelled' } }))
    const bridge = installBridge()
    await mountPhone()
    await openCheck()
    await click('phone-pay-all')
    await vi.waitFor(() => expect(bridge.call).toHaveBeenCalledTimes(1))

    bridge.answer(resultCode)
    await vi.waitFor(() => expect(find('phone-pay-status').attributes('data-phase')).toBe(phase))
    expect(text('phone-pay-status')).toContain(words)
    await flushPromises()
    // An abandoned trade is cancelled, so what it held on the check can be paid again.
    expect(server.callsTo('POST', `/api/payments/${payment.id}/cancel`)).toHaveLength(cancels ? 1 : 0)
  })

  it('after a network drop in the cashier, "Try again" reopens the same trade', async () => {
    check = checkOf([MY_ORDER()])
    const payment = jsapiPayment(2400)
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: payment }))
    const bridge = installBridge()
    await mountPhone()
    await openCheck()
    await click('phone-pay-mine')
    await vi.waitFor(() => expect(bridge.call).toHaveBeenCalledTimes(1))
    bridge.answer('6002')

    await click('phone-pay-retry')
    await vi.waitFor(() => expect(bridge.call).toHaveBeenCalledTimes(2))
    expect(bridge.call.mock.calls[1]![1]).toEqual({ tradeNO: payment.tradeNo })
    expect(server.callsTo('POST', '/api/table/check/payments')).toHaveLength(1)
  })

  it('waits for AlipayJSBridgeReady when the bridge is not there yet', async () => {
    check = checkOf([MY_ORDER()])
    const payment = jsapiPayment(2400)
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: payment }))
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(ALIPAY_USER_AGENT)
    await mountPhone()
    await openCheck()
    await click('phone-pay-mine')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/table/check/payments')).toHaveLength(1))
    await flushPromises()
    expect(text('phone-pay-status')).toBe('Opening Alipay…')

    const bridge = installBridge()
    document.dispatchEvent(new Event(BRIDGE_READY_EVENT))
    await vi.waitFor(() => expect(bridge.call).toHaveBeenCalledWith('tradePay', { tradeNO: payment.tradeNo }, expect.any(Function)))
    expect(text('phone-pay-status')).toBe('Finish the payment in Alipay.')
  })

  it('says to open the page in Alipay, and makes no trade, when no bridge can come', async () => {
    check = checkOf([MY_ORDER()])
    await mountPhone()
    await openCheck()
    await click('phone-pay-mine')
    await vi.waitFor(() => expect(text('phone-pay-status')).toBe('Paying needs the Alipay app. Open this page with Alipay to pay.'))
    expect(server.callsTo('POST', '/api/table/check/payments')).toHaveLength(0)
  })

  it('loads the emulator\'s bridge script only in sandbox-local mode', async () => {
    server.on('GET /api/health', () => ({ status: 200, body: { status: 'ok', version: 'test', alipayMode: 'sandbox-local' } }))
    // Kept out of the document: happy-dom does not run scripts.
    const append = vi.spyOn(document.head, 'appendChild').mockImplementation(node => node)
    await mountPhone()
    await vi.waitFor(() => expect(append).toHaveBeenCalledTimes(1))
    expect((append.mock.calls[0]![0] as HTMLScriptElement).getAttribute('src')).toBe(SANDBOX_BRIDGE_URL)
  })

  it('adds no script outside sandbox-local mode', async () => {
    await mountPhone()
    const append = vi.spyOn(document.head, 'appendChild')
    await vi.waitFor(() => expect(server.callsTo('GET', '/api/health')).toHaveLength(1))
    await flushPromises()
    expect(append.mock.calls.filter(([node]) => node instanceof HTMLScriptElement)).toEqual([])
  })

  it('splits evenly in the parts the diner picks, and shows a split in progress with the next part', async () => {
    check = checkOf([MY_ORDER(), checkOrder([{ itemId: 'mapo', quantity: 1, optionIds: ['mild'] }], 'din_2')])
    server.on('POST /api/table/check/payments', () => ({ status: 201, body: jsapiPayment(2067) }))
    installBridge()
    await mountPhone()
    await openCheck()
    await find('phone-parts').setValue('3')
    await click('phone-pay-even')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/table/check/payments')).toHaveLength(1))
    expect(server.callsTo('POST', '/api/table/check/payments')[0]!.body).toEqual({ method: 'alipay_jsapi', scope: 'even', parts: 3 })

    check = { ...check, split: { parts: 3, base: 6200, paidParts: 1, nextAmount: 2066 } }
    stream().emit('check.updated', { checkId: 'chk_1' })
    await vi.waitFor(() => expect(find('phone-split').exists()).toBe(true))
    expect(text('phone-split')).toContain('Split in 3: 1 of 3 parts paid')
    expect(text('phone-split')).toContain('Next part: ¥20.66')
    expect(find('phone-parts').exists()).toBe(false)
  })

  it.each([
    ['CHECK_OVERPAY', 'That is more than is still due: someone else is paying part of the bill right now. Please check the bill and try again.'],
    ['NOTHING_DUE', 'There is nothing left for you to pay.'],
    ['SPLIT_IN_PROGRESS', 'The bill is already being split into a different number of parts. Please pay one of those parts.'],
  ])('words a 409 %s plainly', async (code, words) => {
    check = checkOf([MY_ORDER()])
    server.on('POST /api/table/check/payments', () => apiError(409, code))
    const bridge = installBridge()
    await mountPhone()
    await openCheck()
    await click('phone-pay-all')
    await vi.waitFor(() => expect(text('phone-pay-status')).toBe(words))
    expect(bridge.call).not.toHaveBeenCalled()
  })

  it('offers to continue through /t/<code> when the diner\'s session has expired', async () => {
    server.on('GET /api/table/check', () => apiError(401, 'DINER_SESSION_EXPIRED'))
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined)
    await mountPhone()
    await vi.waitFor(() => expect(find('phone-session-expired').exists()).toBe(true))
    expect(find('phone-session-expired').text()).toContain('Your session has ended')
    expect(find('phone-reauthorize').attributes('href')).toBe(`/t/${TABLE_CODE}`)

    await click('phone-reauthorize')
    expect(assign).toHaveBeenCalledWith(`/t/${TABLE_CODE}`)
  })

  it('keeps the cart and shows the way back in when an order meets an expired session', async () => {
    server.on('POST /api/orders', () => apiError(401, 'DINER_SESSION_EXPIRED'))
    await mountPhone()
    await click('dish-tea')
    await click('dish-add')
    await click('phone-cart-open')
    await click('phone-send')

    await vi.waitFor(() => expect(find('phone-session-expired').exists()).toBe(true))
    expect(find('phone-cart').exists()).toBe(false)
    expect(JSON.parse(sessionStorage.getItem(`tp-phone-cart:${TABLE_CODE}`)!)).toMatchObject({ lines: [{ itemId: 'tea' }] })
    // The stream stops: it would only be refused again.
    expect(stream().readyState).toBe(FakeEventSource.CLOSED)
  })
})
