// A tablet's stream follows its device across tables and stores: what it lets through before and after staff pair,
// move or unpair it, and when a stream bound to one store must end.
import { describe, expect, it } from 'vitest'
import { MemoryEventHub, type HubEvent } from '../../src/lib/event-hub.js'
import { tabletStreamRules } from '../../src/lib/event-stream-tablet.js'

const me = (status: 'paired' | 'unpaired', tableId?: string) => ({
  deviceId: 'd1', name: 'Tablet', status, store: { name: '', currency: 'CNY', timezone: 'UTC', locales: [] },
  ...(tableId ? { table: { id: tableId, label: tableId } } : {}),
})

describe('tabletStreamRules', () => {
  it('lets an unpaired tablet hear only its own device until a store pairs it, then that store\'s events', () => {
    const hub = new MemoryEventHub()
    const rules = tabletStreamRules('d1', null, null, false)
    const heard: unknown[] = []
    hub.subscribe(event => { if (rules.filter(event)) { rules.follow(event); heard.push(event.data) } })
    hub.forStore('a').publish({ kind: 'tablets' }, 'menu.changed', 'a-menu')
    hub.forStore('b').publish({ kind: 'device', deviceId: 'd2' }, 'device.changed', 'someone else')
    hub.forStore('b').publish({ kind: 'device', deviceId: 'd1' }, 'device.changed', me('paired', 't1'))
    hub.forStore('a').publish({ kind: 'tablets' }, 'menu.changed', 'a-menu-2')
    hub.forStore('a').publish({ kind: 'table', tableId: 't1' }, 'order.updated', 'a-t1')
    hub.forStore('b').publish({ kind: 'tablets' }, 'menu.changed', 'b-menu')
    hub.forStore('b').publish({ kind: 'table', tableId: 't1' }, 'order.updated', 'b-t1')
    hub.forStore('b').publish({ kind: 'table', tableId: 't2' }, 'order.updated', 'b-t2')
    hub.forStore('b').publish({ kind: 'staff' }, 'alert.raised', 'b-staff')
    hub.toProcesses('store.updated', { storeId: 'b' })
    expect(heard).toEqual([me('paired', 't1'), 'b-menu', 'b-t1'])
  })

  it('keeps an unpaired tablet on its last store\'s broadcasts, and ends a stream bound to that store', () => {
    const rules = tabletStreamRules('d1', 'a', 't1', true)
    const event = (data: unknown, storeId = 'a'): HubEvent => ({ id: '1', seq: 1, storeId, event: 'device.changed', data, audience: { kind: 'device', deviceId: 'd1' } })
    const menu: HubEvent = { id: '2', seq: 2, storeId: 'a', event: 'menu.changed', data: {}, audience: { kind: 'tablets' } }
    expect(rules.filter(menu)).toBe(true)
    const moved = event(me('paired', 't2'))
    rules.follow(moved)
    expect(rules.endAfter(moved)).toBe(false)
    const unpaired = event(me('unpaired'))
    rules.follow(unpaired)
    expect(rules.endAfter(unpaired)).toBe(true)
    expect(rules.filter(menu)).toBe(true)
    expect(rules.filter({ ...menu, storeId: 'b' })).toBe(false)
    expect(rules.filter({ ...menu, audience: { kind: 'table', tableId: 't2' } })).toBe(false)
    // Paired by another store: that store's events from now on.
    rules.follow(event(me('paired', 't9'), 'b'))
    expect(rules.filter(menu)).toBe(false)
    expect(rules.filter({ ...menu, storeId: 'b', audience: { kind: 'table', tableId: 't9' } })).toBe(true)
    // On the root hub (not store-bound) the stream stays open and waits for the next pairing.
    expect(tabletStreamRules('d1', 'a', 't1', false).endAfter(unpaired)).toBe(false)
    expect(rules.acceptReplay([menu])).toBe(true)
    expect(rules.acceptReplay([menu, moved])).toBe(false)
  })
})
