// The SSE writer's fan-out: each event is encoded once for all streams, and a stream's rewrite stays its own.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { EventHub, type HubEvent } from '../../src/lib/event-hub.js'
import { openEventStream } from '../../src/lib/event-stream.js'

/** A stand-in for the socket side of a reply: records what is written, closes on demand. */
class FakeRaw extends EventEmitter {
  readonly chunks: Array<string | Buffer> = []
  writeHead (): this { return this }
  write (chunk: string | Buffer): boolean { this.chunks.push(chunk); return true }
  end (): void { this.emit('close') }
  get text (): string { return this.chunks.map(chunk => chunk.toString()).join('') }
}

function open (hub: EventHub, transform?: (event: HubEvent) => HubEvent | null): FakeRaw {
  const raw = new FakeRaw()
  const request = { method: 'GET', headers: {} } as unknown as FastifyRequest
  const reply = { hijack () {}, raw } as unknown as FastifyReply
  openEventStream(request, reply, { hub, filter: () => true, ...(transform ? { transform } : {}) })
  return raw
}

describe('openEventStream', () => {
  it('writes one shared encoding of an event to every stream', () => {
    const hub = new EventHub()
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
    const hub = new EventHub()
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
})
