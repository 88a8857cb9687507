// The console's live feed: each staff event lands in its store, new orders and alerts sound, and gaps are caught up.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Alert } from '@shared/schemas/alert'
import { FakeEventSource, createMockServer, type MockServer } from '@/__tests__/support'
import { order, payment } from '@/staff/components/__tests__/staff-support'
import { useStaffAlertsStore } from '@/staff/stores/staff-alerts'
import { useStaffCancelRefundsStore } from '@/staff/stores/staff-cancel-refunds'
import { useStaffFloorStore } from '@/staff/stores/staff-floor'
import { useStaffOrdersStore } from '@/staff/stores/staff-orders'
import { useStaffOrderSearchStore } from '@/staff/stores/staff-order-search'
import { useStaffSettingsStore } from '@/staff/stores/staff-settings'
import { useStaffChime } from '../useStaffChime'
import { useStaffFlash } from '../useStaffFlash'
import { useStaffEvents } from '../useStaffEvents'

let server: MockServer
let wrapper: VueWrapper
const enabled = ref(true)

const ALERT: Alert = {
  id: 'alr_1',
  kind: 'refund.failed',
  severity: 'critical',
  paymentId: 'pay_1',
  orderId: 'ord_1',
  detail: { subCode: 'ACQ.TRADE_HAS_FINISHED' },
  createdAt: '2030-01-01T12:00:00.000Z',
  acknowledgedAt: null,
}

function stream (): FakeEventSource {
  const latest = FakeEventSource.instances.at(-1)
  if (!latest) throw new Error('no stream opened')
  return latest
}

/** Sends a named event the way the server does, with an id for Last-Event-ID. */
function emit (name: string, data: unknown, id: string): void {
  stream().dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data), lastEventId: id }))
}

beforeEach(() => {
  setActivePinia(createPinia())
  server = createMockServer()
  server.on('GET /api/staff/session', () => ({ status: 401, body: { code: 'STAFF_UNAUTHENTICATED', message: 'x' } }))
  server.on('GET /api/staff/alerts', () => ({ status: 200, body: { alerts: [], nextCursor: null } }))
  server.on('GET /api/staff/orders', () => ({ status: 200, body: [] }))
  vi.stubGlobal('fetch', server.fetch)
  vi.stubGlobal('EventSource', FakeEventSource)
  FakeEventSource.instances = []
  enabled.value = true
  wrapper = mount(defineComponent({ setup: () => { useStaffEvents(enabled); return () => h('div') } }))
  stream().open()
})

afterEach(() => {
  wrapper.unmount()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('useStaffEvents', () => {
  it('puts a new unpaid order on the board, highlighted but quiet (pay first: not the kitchen\'s yet)', () => {
    const chime = useStaffChime()
    const { flashes } = useStaffFlash()
    const [sounds, flashed] = [chime.played.value, flashes.value]
    emit('order.created', order({ id: 'o1', status: 'placed' }), '1')
    const orders = useStaffOrdersStore()
    expect(orders.columns.placed.map(item => item.id)).toEqual(['o1'])
    expect(orders.highlighted.o1).toBe(true)
    expect(chime.played.value).toBe(sounds)
    expect(flashes.value).toBe(flashed)
  })

  it('chimes and flashes when the diner pays (a new kitchen ticket), and follows payments on the cards', () => {
    const chime = useStaffChime()
    const { flashes } = useStaffFlash()
    emit('order.created', order({ id: 'o1', status: 'placed', updatedAt: '2030-01-01T12:00:00.000Z' }), '1')
    const [sounds, flashed] = [chime.played.value, flashes.value]
    emit('payment.updated', payment({ orderId: 'o1', status: 'waiting' }), '2')
    expect(chime.played.value).toBe(sounds)
    expect(useStaffOrdersStore().byId.o1?.payments.map(entry => entry.status)).toEqual(['waiting'])
    emit('order.updated', order({ id: 'o1', status: 'paid', updatedAt: '2030-01-01T12:01:00.000Z', payments: [payment({ orderId: 'o1' })] }), '3')
    expect(chime.played.value).toBe(sounds + 1)
    expect(flashes.value).toBe(flashed + 1)
    expect(useStaffOrdersStore().columns.paid.map(item => item.id)).toEqual(['o1'])
  })

  it('moves an order shown in search results along with its events (someone else served it)', () => {
    const search = useStaffOrderSearchStore()
    search.results = [order({ id: 'o9', status: 'ready', updatedAt: '2030-01-01T12:00:00.000Z' })]
    emit('order.updated', order({ id: 'o9', status: 'served', updatedAt: '2030-01-01T12:01:00.000Z' }), '1')
    expect(search.results.map(found => found.status)).toEqual(['served'])
  })

  it('in tab mode, chimes and flashes as an order is placed (the kitchen starts at once)', () => {
    useStaffSettingsStore().paymentMode = 'tab'
    const chime = useStaffChime()
    const { flashes } = useStaffFlash()
    const [sounds, flashed] = [chime.played.value, flashes.value]
    emit('order.created', order({ id: 'o1', status: 'placed' }), '1')
    expect(chime.played.value).toBe(sounds + 1)
    expect(flashes.value).toBe(flashed + 1)
  })

  it('stays silent when muted, but still flashes; the choice outlives a reload (kept on this device)', () => {
    const chime = useStaffChime()
    const { flashes } = useStaffFlash()
    chime.setEnabled(false)
    try {
      expect(localStorage.getItem('tablepad-staff-sound')).toBe('off')
      const [sounds, flashed] = [chime.played.value, flashes.value]
      emit('order.created', order({ id: 'o1', status: 'paid' }), '1')
      expect(chime.played.value).toBe(sounds)
      expect(flashes.value).toBe(flashed + 1)
    } finally {
      chime.setEnabled(true)
    }
  })

  it('settles a cancel-and-refund from the events: the money went back (payment.updated) or Alipay refused (alert.raised)', () => {
    const refunds = useStaffCancelRefundsStore()
    const paid = (id: string, paymentId: string) => order({ id, status: 'paid', payments: [payment({ id: paymentId, orderId: id })] })
    refunds.follow(paid('o1', 'pay_1'), { ...paid('o1', 'pay_1'), status: 'cancelled' })
    refunds.follow(paid('o2', 'pay_2'), { ...paid('o2', 'pay_2'), status: 'cancelled' })
    emit('payment.updated', payment({ id: 'pay_1', orderId: 'o1', status: 'refunded', refundedAmount: 9400 }), '6')
    emit('alert.raised', { ...ALERT, paymentId: 'pay_2', orderId: 'o2' }, '7')
    expect(refunds.byOrder.o1?.outcome).toBe('succeeded')
    expect(refunds.byOrder.o2?.outcome).toBe('failed')
  })

  it('raises alerts live, with their own sound', () => {
    const chime = useStaffChime()
    const before = chime.played.value
    emit('alert.raised', ALERT, '4')
    expect(useStaffAlertsStore().openCount).toBe(1)
    expect(chime.played.value).toBe(before + 1)
  })

  it('refreshes an alert quietly from alert.updated (a summary\'s count grew)', () => {
    const chime = useStaffChime()
    emit('alert.raised', ALERT, '4')
    const before = chime.played.value
    emit('alert.updated', { ...ALERT, detail: { count: 7 } }, '5')
    const alerts = useStaffAlertsStore()
    expect(alerts.alerts.map(alert => alert.detail)).toEqual([{ count: 7 }])
    expect(chime.played.value).toBe(before)
  })

  it('keeps the tablets list current from device.changed', () => {
    const floor = useStaffFloorStore()
    emit('device.changed', { id: 'dev_1', name: 'Tablet 1', status: 'paired', table: { id: 't5', label: '5' }, lastSeenAt: null, appVersion: '1.0', online: true, unsentOrders: 2 }, '5')
    expect(floor.devicesByTable.get('t5')?.map(device => device.unsentOrders)).toEqual([2])
  })

  it('reloads what it has shown after a gap the server could not replay (resync)', async () => {
    const orders = useStaffOrdersStore()
    orders.loaded = true
    emit('resync', { reason: 'gap' }, '9')
    await vi.waitFor(() => expect(server.callsTo('GET', '/api/staff/orders').length).toBe(6))
    expect(server.callsTo('GET', '/api/staff/alerts')).toHaveLength(1)
  })

  it('when the server closes the stream, checks the session and reopens from the last event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    emit('order.created', order({ id: 'o1' }), '41')
    const first = stream()
    first.readyState = FakeEventSource.CLOSED
    first.onerror?.(new Event('error'))
    await vi.advanceTimersByTimeAsync(0)
    expect(server.callsTo('GET', '/api/staff/session')).toHaveLength(1)
    // The first retry waits a second, give or take the 20 % jitter every stream uses.
    await vi.advanceTimersByTimeAsync(1_200)
    expect(stream()).not.toBe(first)
    expect(stream().url).toBe('/api/staff/events?lastEventId=41')
  })

  it('closes the stream on logout', async () => {
    const opened = stream()
    enabled.value = false
    await wrapper.vm.$nextTick()
    expect(opened.readyState).toBe(FakeEventSource.CLOSED)
  })
})
