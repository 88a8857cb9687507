// Test support for the kiosk specs: a small menu, server-shaped objects and a scripted fetch (no real server).
import type { DeviceMe } from '@shared/schemas/device'
import type { Menu } from '@shared/schemas/menu'
import type { CreateOrder, Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'

const text = (en: string, zh: string) => ({ en, 'zh-CN': zh })

export const MENU: Menu = {
  version: 'v1',
  currency: 'CNY',
  locales: ['en', 'zh-CN'],
  categories: [
    { id: 'hot', names: text('Hot dishes', '热菜'), sort: 1 },
    { id: 'drinks', names: text('Drinks', '饮品'), sort: 2 },
  ],
  items: [
    {
      id: 'mapo',
      categoryId: 'hot',
      names: text('Mapo tofu', '麻婆豆腐'),
      descriptions: text('Silken tofu in a numbing chilli sauce', '麻辣嫩豆腐'),
      price: 3800,
      image: '/media/dishes/mapo.svg',
      tags: ['spicy', 'signature'],
      allergens: ['soy'],
      available: true,
      sort: 1,
      optionGroups: [
        {
          id: 'spice',
          names: text('Spice level', '辣度'),
          min: 1,
          max: 1,
          options: [
            { id: 'mild', names: text('Mild', '微辣'), priceDelta: 0, available: true },
            { id: 'hot', names: text('Hot', '特辣'), priceDelta: 0, available: true },
          ],
        },
        {
          id: 'extras',
          names: text('Extras', '加料'),
          min: 0,
          max: 2,
          options: [
            { id: 'rice', names: text('Rice', '米饭'), priceDelta: 300, available: true },
            { id: 'egg', names: text('Egg', '鸡蛋'), priceDelta: 500, available: true },
            { id: 'pork', names: text('Minced pork', '肉末'), priceDelta: 800, available: true },
            { id: 'truffle', names: text('Truffle', '松露'), priceDelta: 2000, available: false },
          ],
        },
      ],
    },
    {
      id: 'tea',
      categoryId: 'drinks',
      names: text('Jasmine tea', '茉莉花茶'),
      descriptions: text('A pot for the table', '一壶'),
      price: 1200,
      image: '/media/dishes/tea.svg',
      tags: ['vegan'],
      allergens: [],
      available: true,
      sort: 1,
      optionGroups: [],
    },
    {
      id: 'duck',
      categoryId: 'hot',
      names: text('Roast duck', '烤鸭'),
      descriptions: text('Half a duck', '半只'),
      price: 8800,
      image: '/media/dishes/duck.svg',
      tags: [],
      allergens: [],
      available: false,
      sort: 2,
      optionGroups: [],
    },
  ],
}

export const PAIRED_DEVICE: DeviceMe = {
  deviceId: 'dev_1',
  name: 'Tablet 1',
  status: 'paired',
  table: { id: 'tbl_5', label: '5' },
  store: { name: 'Golden Lotus', currency: 'CNY', timezone: 'Asia/Shanghai', locales: ['en', 'zh-CN'] },
}

const AT = '2030-01-01T12:00:00.000Z'

/** The server's answer to an order body: priced from MENU like the real server would. */
export function orderFor (body: CreateOrder, overrides: Partial<Order> = {}): Order {
  const lines = body.lines.map((line) => {
    const item = MENU.items.find(candidate => candidate.id === line.itemId)!
    const options = item.optionGroups.flatMap(group => group.options.filter(option => line.optionIds.includes(option.id))
      .map(option => ({ id: option.id, groupId: group.id, names: option.names, priceDelta: option.priceDelta })))
    const unitPrice = item.price + options.reduce((sum, option) => sum + option.priceDelta, 0)
    return { itemId: item.id, names: item.names, quantity: line.quantity, unitPrice, options, note: line.note ?? null, lineTotal: unitPrice * line.quantity }
  })
  const total = lines.reduce((sum, line) => sum + line.lineTotal, 0)
  return {
    id: `ord_${body.clientOrderId.slice(0, 8)}`,
    number: 42,
    clientOrderId: body.clientOrderId,
    tableId: 'tbl_5',
    tableLabel: '5',
    status: 'placed',
    lines,
    subtotal: total,
    total,
    currency: 'CNY',
    note: body.note ?? null,
    cancelReason: null,
    createdAt: AT,
    updatedAt: AT,
    payments: [],
    ...overrides,
  }
}

export function paymentFor (order: Pick<Order, 'id' | 'total'>, overrides: Partial<Payment> = {}): Payment {
  return {
    id: 'pay_1',
    orderId: order.id,
    checkId: null,
    method: 'alipay_qr',
    status: 'waiting',
    amount: order.total,
    refundedAmount: 0,
    currency: 'CNY',
    qrCode: 'https://qr.alipay.com/bax00000000000000000',
    tradeNo: null,
    expiresAt: new Date(Date.now() + 120_000).toISOString(),
    failureCode: null,
    createdAt: AT,
    updatedAt: new Date(Date.now()).toISOString(),
    ...overrides,
  }
}

export interface Call {
  method: string
  path: string
  /** The query string as sent (`?a=1`), or '' without one. */
  search: string
  body: unknown
  headers: Headers
}

/** What a route answers: a status with a JSON body, or a failure to connect at all. */
export type Reply = { status: number, body?: unknown, headers?: Record<string, string> } | 'network-error'
type Handler = (call: Call, params: Record<string, string>) => Reply | Promise<Reply>

/** A scripted fetch: routes like "POST /api/orders/:id/payments" answer; anything else is a 404. */
export function createMockServer () {
  const routes: { method: string, pattern: RegExp, keys: string[], handler: Handler }[] = []
  const calls: Call[] = []

  function on (route: string, handler: Handler): void {
    const [method, path] = route.split(' ') as [string, string]
    const keys: string[] = []
    const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_, key: string) => { keys.push(key); return '([^/]+)' })}$`)
    // Later definitions win, so a test can change an answer midway.
    routes.unshift({ method, pattern, keys, handler })
  }

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://kiosk.test')
    const method = (init.method ?? 'GET').toUpperCase()
    const body = typeof init.body === 'string' ? JSON.parse(init.body) as unknown : undefined
    const call: Call = { method, path: url.pathname, search: url.search, body, headers: new Headers(init.headers) }
    calls.push(call)
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(url.pathname) : null
      if (!match) continue
      const params = Object.fromEntries(route.keys.map((key, index) => [key, decodeURIComponent(match[index + 1] ?? '')]))
      const reply = await route.handler(call, params)
      if (reply === 'network-error') throw new TypeError('Failed to fetch')
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': 'application/json', ...reply.headers },
      })
    }
    return new Response(JSON.stringify({ code: 'NOT_FOUND', message: `${method} ${url.pathname}` }), { status: 404 })
  }

  return { on, fetch, calls, callsTo: (method: string, path: string) => calls.filter(call => call.method === method && call.path === path) }
}

export type MockServer = ReturnType<typeof createMockServer>

/** EventSource is missing in happy-dom; this one lets a test push named events. */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  static instances: FakeEventSource[] = []
  readonly url: string
  readyState = FakeEventSource.CONNECTING
  onopen: ((event: Event) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  constructor (url: string) {
    super()
    this.url = url
    FakeEventSource.instances.push(this)
  }

  open (): void {
    this.readyState = FakeEventSource.OPEN
    this.onopen?.(new Event('open'))
  }

  emit (name: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data) }))
  }

  close (): void {
    this.readyState = FakeEventSource.CLOSED
  }
}
