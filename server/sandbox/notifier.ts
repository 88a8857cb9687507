// Delivers signed notifications to notify_url and retries on Alipay's schedule until the answer is `success`.
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { KeyObject } from 'node:crypto'
import { encodeForm } from './charset.js'
import type { FaultState } from './faults.js'
import { newNotifyId } from './ids.js'
import type { SandboxNotifyFaults } from './options.js'
import type { Scheduler } from './scheduler.js'
import { notifySignContent, signText, type SignType } from './signing.js'
import { formatBeijing } from './time.js'

/** How long one delivery may take before it counts as failed (Alipay gives up on slow merchants too). */
const ATTEMPT_TIMEOUT_MS = 15_000
/** How long a reordered notification waits for a newer one to overtake it. */
const REORDER_HOLD_MS = 1_000

/** How a notification of another protocol (the MAPI) is signed; the Open Platform's RSA rule when absent. */
export interface NotificationSigner {
  signType: string
  /** The string to sign from the fields (which include sign_type but not sign yet). */
  content: (fields: Readonly<Record<string, string>>) => string
  sign: (content: string) => string
}

export interface NotificationRequest {
  url: string
  fields: Record<string, string>
  charset: string
  encoding: string
  signType: SignType
  signer?: NotificationSigner
}

/** One notification as the emulator sees it, shown by `GET /notifications` for tests and demos. */
export interface DeliveryRecord {
  notifyId: string
  url: string
  outTradeNo: string
  tradeStatus: string
  fields: Record<string, string>
  /** `dropped` by a fault, `pending` while attempts remain, `delivered` on `success`, `failed` when given up. */
  state: 'dropped' | 'pending' | 'delivered' | 'failed'
  attempts: Array<{ at: string, status: number, body: string }>
}

interface Job {
  record: DeliveryRecord
  request: NotificationRequest
  faults: SandboxNotifyFaults
  /** A duplicate's attempts are recorded, but the notification's state is the original's. */
  copy: boolean
}

export interface NotifierOptions {
  scheduler: Scheduler
  faults: FaultState
  retryDelaysMs: readonly number[]
  alipayKey: KeyObject
  now: () => number
}

export class Notifier {
  readonly #opts: NotifierOptions
  readonly #records: DeliveryRecord[] = []
  readonly #aborter = new AbortController()
  #held: { job: Job, cancel: () => void } | undefined

  constructor (opts: NotifierOptions) {
    this.#opts = opts
  }

  get records (): readonly DeliveryRecord[] {
    return this.#records
  }

  /** True for a notify_id the emulator made and did not drop (MAPI notify_verify). */
  sent (notifyId: string): boolean {
    return this.#records.some(record => record.notifyId === notifyId && record.state !== 'dropped')
  }

  /** Queues a notification; faults in force now decide how it travels. */
  send (request: NotificationRequest): DeliveryRecord {
    const faults = this.#opts.faults.current.notify
    const record: DeliveryRecord = {
      notifyId: newNotifyId(),
      url: request.url,
      outTradeNo: request.fields.out_trade_no ?? '',
      tradeStatus: request.fields.trade_status ?? '',
      fields: request.fields,
      state: faults.drop ? 'dropped' : 'pending',
      attempts: [],
    }
    this.#records.push(record)
    if (faults.drop) return record
    const job: Job = { record, request, faults, copy: false }
    if (faults.reorder) this.#reorder(job)
    else this.#start(job, faults.delayMs)
    return record
  }

  stop (): void {
    this.#aborter.abort()
  }

  #reorder (job: Job): void {
    const held = this.#held
    if (held === undefined) {
      const cancel = this.#opts.scheduler.after(Math.max(REORDER_HOLD_MS, job.faults.delayMs), () => {
        this.#held = undefined
        this.#start(job, 0)
      })
      this.#held = { job, cancel }
      return
    }
    // The newer notification goes first; the older one follows once the newer was tried.
    held.cancel()
    this.#held = undefined
    void this.#run(job, job.faults.delayMs).then(() => this.#start(held.job, 0))
  }

  #start (job: Job, delayMs: number): void {
    void this.#run(job, delayMs)
  }

  /** Resolves after the first attempt of `job`; the retries go on in the background. */
  async #run (job: Job, delayMs: number): Promise<void> {
    if (await this.#opts.scheduler.sleep(delayMs)) return
    await this.#tryOnce(job, 0)
  }

  /** One attempt; a failed one schedules the next on the retry schedule until it runs out. */
  async #tryOnce (job: Job, retry: number): Promise<void> {
    const { scheduler, retryDelaysMs } = this.#opts
    if (await this.#attempt(job)) {
      if (!job.copy) job.record.state = 'delivered'
      if (job.faults.duplicate) this.#duplicate(job)
      return
    }
    const delay = retryDelaysMs[retry]
    if (scheduler.stopped) return
    if (delay === undefined) {
      if (!job.copy) job.record.state = 'failed'
      return
    }
    scheduler.after(delay, () => { void this.#tryOnce(job, retry + 1) })
  }

  #duplicate (job: Job): void {
    // A copy with the same notify_id, as Alipay does when it is unsure the first one arrived.
    this.#start({ ...job, faults: { ...job.faults, duplicate: false }, copy: true }, 0)
  }

  #openApiSigner (request: NotificationRequest): NotificationSigner {
    return {
      signType: request.signType,
      content: notifySignContent,
      sign: text => signText(text, request.signType, this.#opts.alipayKey, request.encoding),
    }
  }

  async #attempt (job: Job): Promise<boolean> {
    const { request, record } = job
    const signer = request.signer ?? this.#openApiSigner(request)
    const fields: Record<string, string> = {
      ...request.fields,
      notify_time: formatBeijing(this.#opts.now()),
      notify_id: record.notifyId,
      sign_type: signer.signType,
    }
    const content = signer.content(fields)
    // A bad signature is a real signature over other text, so only verification can catch it.
    const signed = job.faults.badSignature ? `${content}&tampered=1` : content
    fields.sign = signer.sign(signed)
    const body = encodeForm(fields, request.encoding)
    const at = formatBeijing(this.#opts.now(), true)
    try {
      const answer = await post(request.url, body, `application/x-www-form-urlencoded; charset=${request.charset}`, this.#aborter.signal)
      record.attempts.push({ at, status: answer.status, body: answer.body.slice(0, 200) })
      return answer.status === 200 && answer.body === 'success'
    } catch (error) {
      record.attempts.push({ at, status: 0, body: error instanceof Error ? error.message : String(error) })
      return false
    }
  }
}

function post (url: string, body: Buffer, contentType: string, signal: AbortSignal): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const req = send(target, {
      method: 'POST',
      headers: { 'content-type': contentType, 'content-length': body.length, connection: 'close' },
      signal,
      timeout: ATTEMPT_TIMEOUT_MS,
    }, res => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= 4096) chunks.push(chunk)
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('notification timed out')))
    req.on('error', reject)
    req.end(body)
  })
}
