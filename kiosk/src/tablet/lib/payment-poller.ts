// Reading a payment again and again while it is open. The server pushes payment.updated; polling only covers a
// stream that is down or late. The tablet's order and bill, and the phone's check payment, all wait this way.
import type { Payment } from '@shared/schemas/payment'

export interface PaymentPollerOptions {
  /** The payment shown now: a poll for one that has since been replaced stops there. */
  current: () => Payment | null
  /** Whether the current payment is still worth asking about. */
  isOpen: () => boolean
  fetch: (id: string) => Promise<Payment>
  /** Takes the server's answer; it decides whether to poll on (schedule) or not (stop). */
  apply: (payment: Payment) => void
  /** Read at every poll, so a changed setting applies to the next one. */
  intervalMs: () => number
}

export interface PaymentPoller {
  /** Polls the current payment once after the interval, then again for as long as it stays current and open. */
  schedule: () => void
  stop: () => void
  /** Reads the current payment at once if it is open (after an event stream outage); a failed read is let go. */
  readNow: () => Promise<void>
}

export function createPaymentPoller (options: PaymentPollerOptions): PaymentPoller {
  let timer: ReturnType<typeof setTimeout> | undefined

  function stop (): void {
    clearTimeout(timer)
    timer = undefined
  }

  function schedule (): void {
    stop()
    const id = options.current()?.id
    if (!id || !options.isOpen()) return
    timer = setTimeout(() => {
      options.fetch(id).then(options.apply).catch(() => undefined).finally(() => {
        if (options.current()?.id === id) schedule()
      })
    }, options.intervalMs())
  }

  async function readNow (): Promise<void> {
    const id = options.current()?.id
    if (id && options.isOpen()) await options.fetch(id).then(options.apply).catch(() => undefined)
  }

  return { schedule, stop, readNow }
}
