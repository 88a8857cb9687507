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
