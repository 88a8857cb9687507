// Named places where a test or a drill can make the server die as if its plug were pulled.
//
// Money decisions must survive a crash at any instant (a refund owed, an alert to staff). Killing the
// process from outside cannot hit a window of a few microseconds reliably, so each window that matters
// has a named point here: with TABLEPAD_CRASH_POINT set to that name the process SIGKILLs itself there
// (no shutdown hooks, nothing flushed: what is durable is only what was committed). Unset, a point
// costs one string comparison.

/** Every point; the names are what TABLEPAD_CRASH_POINT accepts. */
export const CRASH_POINTS = [
  /** A payment was committed as paid: the order is paid, nothing has been published yet. */
  'after-paid-commit',
  /** A second payment of a paid order was committed with its refund and alert, before either is acted on. */
  'after-double-payment-commit',
  /** A payment of a cancelled order was committed with its refund and alert, before either is acted on. */
  'after-paid-after-cancel-commit',
  /** Alipay's cancel refunded a payment; its status and alert are committed, nothing published yet. */
  'after-refunded-by-cancel-commit',
  /** A refund row was committed, before Alipay was asked. */
  'after-refund-recorded',
  /** Staff cancelled an order with its refund: the cancel and the refund rows are committed, nothing sent or published. */
  'after-cancel-refund-commit',
] as const

export type CrashPoint = typeof CRASH_POINTS[number]

const armed = process.env.TABLEPAD_CRASH_POINT || null
if (armed !== null && !(CRASH_POINTS as readonly string[]).includes(armed)) {
  // A misspelt point would never fire and a crash test would pass without crashing: say so loudly.
  process.stderr.write(`TABLEPAD_CRASH_POINT=${armed} names no crash point (known: ${CRASH_POINTS.join(', ')})\n`)
}

/** Dies here, at once, when TABLEPAD_CRASH_POINT names this point; does nothing otherwise. */
export function crashPoint (name: CrashPoint): void {
  if (armed === name) process.kill(process.pid, 'SIGKILL')
}
