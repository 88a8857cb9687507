// One emulated Alipay: keys, clock, timers, faults, trades, buyers and the notification sender, wired together.
import type { KeyObject } from 'node:crypto'
import { BillLinks } from './bill/bill-links.js'
import { FaultState } from './faults.js'
import { loadPrivateKey, loadPublicKey } from './keys.js'
import { mapiNotification } from './mapi/notifications.js'
import { Notifier } from './notifier.js'
import { OAuthService } from './oauth.js'
import { ALIPAY_NOTIFY_RETRY_DELAYS_MS, type SandboxOptions } from './options.js'
import { Scheduler } from './scheduler.js'
import { loadState, StateJournal, type StateChange } from './state-file.js'
import { TradeService } from './trade-service.js'

export interface Sandbox {
  appId: string
  sellerId: string
  /** The MAPI partner id (PID). */
  partnerId: string
  /** The partner's MAPI MD5 key, when MD5 signing is enabled. */
  md5Key: string | undefined
  publicUrl: string
  merchantName: string
  merchantKey: KeyObject
  alipayKey: KeyObject
  now: () => number
  scheduler: Scheduler
  faults: FaultState
  notifier: Notifier
  trades: TradeService
  oauth: OAuthService
  /** The trade bill's download links (the bill itself is made from `trades`). */
  bills: BillLinks
  /** Stops every timer, held request and notification; the emulator is inert afterwards. */
  stop: () => void
}

const SELLER_ID = /^2088\d{12}$/

export function createSandbox (opts: SandboxOptions): Sandbox {
  if (opts.appId === '') throw new Error('sandbox: appId is empty')
  if (!SELLER_ID.test(opts.sellerId)) throw new Error(`sandbox: sellerId must be 2088 + 12 digits, got ${JSON.stringify(opts.sellerId)}`)
  const partnerId = opts.partnerId ?? opts.sellerId
  if (!SELLER_ID.test(partnerId)) throw new Error(`sandbox: partnerId must be 2088 + 12 digits, got ${JSON.stringify(partnerId)}`)
  if (opts.md5Key !== undefined && !/^\S+$/.test(opts.md5Key)) throw new Error('sandbox: md5Key must be a non-empty string without spaces')
  let publicUrl: URL
  try {
    publicUrl = new URL(opts.publicUrl)
  } catch {
    throw new Error(`sandbox: publicUrl must be an absolute URL, got ${JSON.stringify(opts.publicUrl)}`)
  }
  const now = opts.now ?? Date.now
  const scheduler = new Scheduler()
  const faults = new FaultState(opts.faults)
  const alipayKey = loadPrivateKey(opts.alipayPrivateKey)
  const notifier = new Notifier({
    scheduler,
    faults,
    retryDelaysMs: opts.notifyRetryDelaysMs ?? ALIPAY_NOTIFY_RETRY_DELAYS_MS,
    alipayKey,
    now,
  })
  const stateFile = opts.stateFile
  let journal: StateJournal | undefined
  // Changes come in bursts within one call: one append after the burst, each changed trade once.
  const pending = new Map<string, StateChange>()
  const flush = (): void => {
    if (pending.size === 0) return
    const changes = [...pending.values()]
    pending.clear()
    journal?.append(changes)
  }
  const record = (key: string, change: StateChange): void => {
    if (journal === undefined) return
    if (pending.size === 0) queueMicrotask(flush)
    // A trade changed twice in the burst is written once, as it ends up (the object is the live one).
    pending.set(key, change)
  }
  const trades = new TradeService({
    appId: opts.appId,
    now,
    scheduler,
    notifier,
    onChange: change => 'trade' in change ? record(`t:${change.trade.outTradeNo}`, change) : record(`l:${change.locked}`, change),
    mapiNotification: (trade, event) => mapiNotification(trade, event, { md5Key: opts.md5Key, alipayKey }),
  })
  const oauth = new OAuthService(opts.appId, now)
  oauth.onNewOpenId = (openId, userId) => record(`o:${openId}`, { openId: [openId, userId] })
  if (stateFile !== undefined) {
    const state = loadState(stateFile)
    if (state !== undefined) {
      oauth.restoreOpenIds(state.openIds)
      trades.restore(state)
    }
    // Compacted now, so the journal starts as one snapshot of what was just loaded.
    journal = new StateJournal(stateFile, () => ({ ...trades.snapshot(), openIds: oauth.knownOpenIds() }))
  }
  return {
    appId: opts.appId,
    sellerId: opts.sellerId,
    partnerId,
    md5Key: opts.md5Key,
    publicUrl: publicUrl.href.replace(/\/+$/, ''),
    merchantName: opts.merchantName ?? 'Tablepad',
    merchantKey: loadPublicKey(opts.merchantPublicKey),
    alipayKey,
    now,
    scheduler,
    faults,
    notifier,
    trades,
    oauth,
    bills: new BillLinks(now),
    stop () {
      scheduler.stop()
      trades.stop()
      notifier.stop()
      flush()
      journal?.close()
      journal = undefined
    },
  }
}
