// The event hub's fan-out and replay window, which every SSE stream's resume relies on.
import { describe, expect, it } from 'vitest'
import { MemoryEventHub, type HubEvent } from '../../src/lib/event-hub.js'

const all = () => true

describe('MemoryEventHub', () => {
  it('numbers events in order with its boot id and delivers them to subscribers', () => {
    const hub = new MemoryEventHub()
    const seen: HubEvent[] = []
    const unsubscribe = hub.subscribe(event => seen.push(event))
    const a = hub.publish({ kind: 'staff' }, 'alert.raised', { n: 1 })
    const b = hub.publish({ kind: 'tablets' }, 'menu.changed', { n: 2 })
    expect(a.id).toBe(`${hub.bootId}-1`)
    expect(b.id).toBe(`${hub.bootId}-2`)
    expect(hub.currentId).toBe(b.id)
    expect(seen).toEqual([a, b])
    unsubscribe()
    hub.publish({ kind: 'staff' }, 'alert.raised', {})
    expect(seen).toHaveLength(2)
    expect(hub.subscriberCount).toBe(0)
  })

  it('gives two boots different ids', () => {
    expect(new MemoryEventHub().bootId).not.toBe(new MemoryEventHub().bootId)
  })

  it('replays the events after an id that pass the filter', () => {
    const hub = new MemoryEventHub()
    const start = hub.currentId
    hub.publish({ kind: 'table', tableId: 't1' }, 'order.updated', 1)
    const middle = hub.publish({ kind: 'table', tableId: 't2' }, 'order.updated', 2)
    hub.publish({ kind: 'table', tableId: 't1' }, 'order.updated', 3)
    const forT1 = (event: HubEvent) => event.audience.kind === 'table' && event.audience.tableId === 't1'
    expect(hub.since(start, forT1)?.events.map(event => event.data)).toEqual([1, 3])
    expect(hub.since(middle.id, all)?.events.map(event => event.data)).toEqual([3])
    expect(hub.since(hub.currentId, all)).toEqual({ after: 3, events: [] })
  })

  it('cannot replay across a restart, past its buffer, from the future, or from a malformed id', () => {
    const hub = new MemoryEventHub(3)
    const start = hub.currentId
    const events = [1, 2, 3, 4, 5].map(n => hub.publish({ kind: 'staff' }, 'x', n))
    expect(hub.since(start, all)).toBeNull()
    expect(hub.since(events[0]!.id, all)).toBeNull()
    expect(hub.since(events[1]!.id, all)?.events.map(event => event.data)).toEqual([3, 4, 5])
    expect(hub.since(`${new MemoryEventHub().bootId}-2`, all)).toBeNull()
    expect(hub.since(`${hub.bootId}-99`, all)).toBeNull()
    expect(hub.since('garbage', all)).toBeNull()
    expect(hub.since(`${hub.bootId}-`, all)).toBeNull()
  })
})

describe('store-bound hubs', () => {
  it('stamps their store on what they publish; the root hub publishes as the default store', () => {
    const hub = new MemoryEventHub()
    const seen: HubEvent[] = []
    hub.subscribe(event => seen.push(event))
    hub.forStore('a').toStaff('alert.raised', { id: 'x' } as never)
    hub.publish({ kind: 'staff' }, 'alert.raised', {})
    expect(seen.map(event => event.storeId)).toEqual(['a', 'default'])
    expect(hub.forStore('a')).toBe(hub.forStore('a'))
    expect(hub.forStore('a').forStore('b')).toBe(hub.forStore('b'))
    expect(hub.storeId).toBeNull()
    expect(hub.forStore('a').storeId).toBe('a')
  })

  it('let a subscriber of one store hear only its store, while the root hears every store', () => {
    const hub = new MemoryEventHub()
    const a = hub.forStore('a')
    const b = hub.forStore('b')
    const heardA: unknown[] = []
    const heardB: unknown[] = []
    const heardRoot: unknown[] = []
    const stopA = a.subscribe(event => heardA.push(event.data))
    b.subscribe(event => heardB.push(event.data))
    hub.subscribe(event => heardRoot.push(event.data))
    a.publish({ kind: 'tablets' }, 'menu.changed', 'a1')
    b.publish({ kind: 'tablets' }, 'menu.changed', 'b1')
    hub.toProcesses('store.updated', { storeId: 'b' })
    a.publish({ kind: 'staff' }, 'alert.raised', 'a2')
    expect(heardA).toEqual(['a1', 'a2'])
    expect(heardB).toEqual(['b1'])
    expect(heardRoot).toEqual(['a1', 'b1', { storeId: 'b' }, 'a2'])
    // A store hub holds one subscription on the root while it has subscribers, and lets go after the last.
    expect(a.subscriberCount).toBe(1)
    expect(hub.subscriberCount).toBe(3)
    stopA()
    expect(a.subscriberCount).toBe(0)
    expect(hub.subscriberCount).toBe(2)
  })

  it('replay only their store\'s events after a Last-Event-ID, positions shared with the root', async () => {
    const hub = new MemoryEventHub()
    const a = hub.forStore('a')
    const b = hub.forStore('b')
    a.publish({ kind: 'tablets' }, 'menu.changed', 'a1')
    const start = a.currentId
    expect(start).toBe(hub.currentId)
    b.publish({ kind: 'tablets' }, 'menu.changed', 'b1')
    a.publish({ kind: 'tablets' }, 'menu.changed', 'a2')
    b.publish({ kind: 'tablets' }, 'menu.changed', 'b2')
    expect((await a.replay(start, all))?.events.map(event => event.data)).toEqual(['a2'])
    expect((await b.replay(start, all))?.events.map(event => event.data)).toEqual(['b1', 'b2'])
    expect((await hub.replay(start, all))?.events.map(event => event.data)).toEqual(['b1', 'a2', 'b2'])
    expect(await a.replay('garbage', all)).toBeNull()
  })

  it('pass a lost-events signal to every store\'s subscribers', () => {
    class LosingHub extends MemoryEventHub {
      lose (): void { this.deliverGap() }
    }
    const hub = new LosingHub()
    let gaps = 0
    hub.forStore('a').subscribe(() => {}, () => { gaps++ })
    hub.forStore('b').subscribe(() => {}, () => { gaps++ })
    hub.lose()
    expect(gaps).toBe(2)
  })
})
