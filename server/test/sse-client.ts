// A minimal text/event-stream client over a real socket, for tests that must see the wire.
import { request, type IncomingMessage } from 'node:http'

export interface SseMessage {
  id: string | undefined
  event: string
  data: unknown
}

type Waiter = { match: (message: SseMessage) => boolean, resolve: (message: SseMessage) => void }

export class SseClient {
  private readonly messages: SseMessage[] = []
  private readonly waiters: Waiter[] = []
  private buffer = ''

  /** Settles when the server ends the stream. */
  readonly ended: Promise<void>

  private constructor (private readonly response: IncomingMessage) {
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => this.receive(chunk))
    this.ended = new Promise(resolve => {
      response.on('end', resolve)
      response.on('close', resolve)
    })
  }

  /** Opens the stream; resolves once the status line is in, with the status for non-200 answers. */
  static open (url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, response => {
        if (response.statusCode !== 200) {
          response.resume()
          reject(new Error(`status ${response.statusCode}`))
          return
        }
        resolve(new SseClient(response))
      })
      req.on('error', reject)
      req.end()
    })
  }

  get contentType (): string | undefined {
    return this.response.headers['content-type']
  }

  /** The next message (already received or still to come) that matches; taken out of the queue. */
  next (match: (message: SseMessage) => boolean = () => true, timeoutMs = 5000): Promise<SseMessage> {
    const index = this.messages.findIndex(match)
    if (index !== -1) return Promise.resolve(this.messages.splice(index, 1)[0]!)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`)), timeoutMs)
      this.waiters.push({ match, resolve: message => { clearTimeout(timer); resolve(message) } })
    })
  }

  /** The next message whatever it is, asserting nothing was skipped. */
  nextAny (timeoutMs?: number): Promise<SseMessage> {
    return this.next(() => true, timeoutMs)
  }

  close (): void {
    this.response.destroy()
  }

  private receive (chunk: string): void {
    this.buffer += chunk
    let end: number
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end)
      this.buffer = this.buffer.slice(end + 2)
      const message = parse(block)
      if (message) this.deliver(message)
    }
  }

  private deliver (message: SseMessage): void {
    const index = this.waiters.findIndex(waiter => waiter.match(message))
    if (index === -1) this.messages.push(message)
    else this.waiters.splice(index, 1)[0]!.resolve(message)
  }
}

function parse (block: string): SseMessage | null {
  let id: string | undefined
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line.startsWith('retry:')) continue
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') id = value
    else if (field === 'event') event = value
    else if (field === 'data') data.push(value)
  }
  if (data.length === 0) return null
  return { id, event, data: JSON.parse(data.join('\n')) }
}
