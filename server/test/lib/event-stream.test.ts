// The SSE writer's fan-out: each event is encoded once for all streams, and a stream's rewrite stays its own;
// a resuming stream's replay and the live events around it, each sent once and in order; a lost event's resync.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { MemoryEventHub, RootEventHub, type EventHub, type Audience, type HubEvent, type Replay } from '../../src/lib/event-hub.js'
import { openEventStream } from '../../src/lib/event-stream.js'

/** A stand-in for the socket side of a reply: records what is written, closes on demand. */
class FakeRaw extends EventEmitter {
  readonly chunks: Array<string | Buffer> = []
  writeHead (): this { return this }
  write (chunk: string | Buffer): boolean { this.chunks.push(chunk); return true }
  end (): void { this.emit('close') }
  get text (): string { return this.chunks.map(chunk => chunk.toString()).join('') }
}

function open (hub: EventHub, transform?: (event: HubEvent) => HubEvent | null, lastEventId?: string): FakeRaw {
  const raw = new FakeRaw()
  const request = { method: 'GET', headers: lastEventId ? { 'last-event-id': lastEventId } : {} } as unknown as FastifyRequest
  const reply = { hijack () {}, raw } as unknown as FastifyReply
  openEventStream(request, reply, { hub, filter: () => true, ...(transform ? { transform } : {}) })
  return raw
}

/**
 * A hub like PostgreSQL's: its replay answers later, read from a log that may be ahead of what it has delivered.
 * The test delivers events and settles the replay when it chooses.
 */
class SlowHub extends RootEventHub {
  private seq = 0
  private answer: ((replay: Replay | null) => void) | null = null
  publishAs (): void {}
  get currentSeq (): number { return this.seq }
  get currentId (): string { return String(this.seq) }
  replayOf (): Promise<Replay | null> { return new Promise(resolve => { this.answer = resolve }) }
  answerReplay (replay: Replay | null): void { this.answer!(replay) }
  arrive (seq: number, data: unknown): HubEvent {
    const audience: Audience = { kind: 'staff' }
    const event = { id: String(seq), seq, storeId: 'default', event: 'menu.changed', data, audience }
    this.seq = seq
    this.deliver(event)
    return event
  }
  loseEvents (): void { this.deliverGap() }
}

const flush = () => new Promise(resolve => setImmediate(resolve))
const sentData = (raw: FakeRaw) => [...raw.text.matchAll(/^data: (.*)$/gm)].map(match => JSON.parse(match[1]!) as unknown)

describe('openEventStream', () => {
  it('writes one shared encoding of an event to every stream', () => {
    const hub = new MemoryEventHub()
    const a = open(hub)
    const b = open(hub)
    const event = hub.publish({ kind: 'tablets' }, 'menu.changed', { version: 7, name: '麻婆豆腐' })
    const lastA = a.chunks.at(-1)
    // The very same Buffer, not two equal strings: serialised and encoded once.
    expect(Buffer.isBuffer(lastA)).toBe(true)
    expect(lastA).toBe(b.chunks.at(-1))
    expect(lastA!.toString()).toBe(`id: ${event.id}\nevent: menu.changed\ndata: {"version":7,"name":"麻婆豆腐"}\n\n`)
    a.end()
    b.end()
    expect(hub.subscriberCount).toBe(0)
  })

  it('sends a stream its rewritten event without showing the rewrite to the others', () => {
    const hub = new MemoryEventHub()
    const plain = open(hub)
    const rewriting = open(hub, event => ({ ...event, data: { rewritten: true } }))
    const after = open(hub)
    hub.publish({ kind: 'tablets' }, 'menu.changed', { version: 1 })
    hub.publish({ kind: 'tablets' }, 'menu.changed', { version: 2 })
    for (const raw of [plain, after]) {
      expect(raw.text).toContain('data: {"version":1}')
      expect(raw.text).toContain('data: {"version":2}')
      expect(raw.text).not.toContain('rewritten')
    }
    expect(rewriting.text.match(/data: \{"rewritten":true\}/g)).toHaveLength(2)
    expect(rewriting.text).not.toContain('version')
  })

  it('sends a resuming stream its replay, then the live events it did not cover, each once and in order', async () => {
    const hub = new SlowHub()
    hub.arrive(10, 'delivered before')
    const raw = open(hub, undefined, '10')
    // Live while the replay is read: 11 is in the replay too, 13 is not.
    const eleven = hub.arrive(11, 11)
    hub.arrive(13, 13)
    expect(sentData(raw)).toEqual([])
    hub.answerReplay({ after: 10, events: [eleven, { ...eleven, id: '12', seq: 12, data: 12 }] })
    await flush()
    hub.arrive(12, 'again')
    hub.arrive(14, 14)
    expect(sentData(raw)).toEqual([11, 12, 13, 14])
    expect(raw.text).not.toContain('resync')
  })

  it('skips live events up to a Last-Event-ID this process has not reached yet', async () => {
    const hub = new SlowHub()
    const raw = open(hub, undefined, '20')
    hub.answerReplay({ after: 20, events: [] })
    await flush()
    hub.arrive(19, 19)
    hub.arrive(20, 20)
    hub.arrive(21, 21)
    expect(sentData(raw)).toEqual([21])
  })

  it('answers a replay that cannot be made with resync from the current position', async () => {
    const hub = new SlowHub()
    hub.arrive(5, 5)
    const raw = open(hub, undefined, 'from-elsewhere')
    hub.answerReplay(null)
    await flush()
    expect(raw.text).toContain('id: 5\nevent: resync\n')
    hub.arrive(6, 6)
    expect(sentData(raw)).toEqual([{ reason: 'gap' }, 6])
  })

  it('ends the stream right after sending the event its endAfter picks', () => {
    const hub = new MemoryEventHub()
    const raw = new FakeRaw()
    const reply = { hijack () {}, raw } as unknown as FastifyReply
    openEventStream({ method: 'GET', headers: {} } as unknown as FastifyRequest, reply, {
      hub, filter: () => true, endAfter: event => event.data === 'last',
    })
    let closed = false
    raw.on('close', () => { closed = true })
    hub.publish({ kind: 'tablets' }, 'menu.changed', 'first')
    hub.publish({ kind: 'tablets' }, 'menu.changed', 'last')
    hub.publish({ kind: 'tablets' }, 'menu.changed', 'after')
    expect(sentData(raw)).toEqual([{}, 'first', 'last'])
    expect(closed).toBe(true)
    expect(hub.subscriberCount).toBe(0)
  })

  it('tells the client to resync and ends the stream when the hub lost events', () => {
    const hub = new SlowHub()
    hub.arrive(3, 3)
    const raw = open(hub)
    let closed = false
    raw.on('close', () => { closed = true })
    hub.loseEvents()
    expect(raw.text).toContain('id: 3\nevent: resync\n')
    expect(closed).toBe(true)
    expect(hub.subscriberCount).toBe(0)
  })
})
