// Alerts anyone on the network can trigger (forged notifications) folded into one counted row per source and window.
import { inTransaction } from '../db/transaction.js'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { NewAlertRow } from '../repositories/alerts.js'
import type { EventHub } from '../lib/event-hub.js'
import { countAlertsSince, countIntoSummaryAlert, findAlert, insertAlert, openSummaryAlert } from '../repositories/alerts.js'
import { newId, nowIso } from '../lib/tokens.js'
import { SEVERITY, toAlert } from './alerts.js'
import { ALERT_SOURCE_MANY, type Alert, type AlertKind } from '#shared/schemas/alert.js'
import { StaffEventEnum } from '#shared/schemas/events.js'

/** One summary row per source for this long; the next occurrence after it opens a new row. */
export const SUMMARY_WINDOW_MS = 10 * 60_000
/** Distinct sources summarised per kind and window; more (a botnet, IPv6 hopping) share one "many" row. */
export const MAX_SOURCES_PER_WINDOW = 20
/** A growing count reaches the staff stream at most this often (the last change always arrives). */
export const SUMMARY_PUBLISH_INTERVAL_MS = 10_000
/**
 * Times a summary is looked for to count into: more than one only when staff acknowledge it (or its window ends)
 * between the transaction finding it open and the count reaching it.
 */
const MAX_OPEN_ATTEMPTS = 3
/** Sender-chosen text kept for support is cut to this many characters. */
export const SAMPLE_MAX_CHARS = 64

/** `value` cut to `max` characters (with an ellipsis when cut), or undefined when absent. */
export function clip (value: unknown, max = SAMPLE_MAX_CHARS): string | undefined {
  if (value === undefined || value === null) return undefined
  const text = String(value)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

export interface SummarisedOccurrence {
  kind: AlertKind
  /** Who caused it (a normalised client address); decides the row. */
  source: string
  /** The latest occurrence's facts for support; each value is clipped before it is stored. */
  sample?: Readonly<Record<string, unknown>>
}

interface SummaryDetail {
  source: string
  count: number
  firstSeenAt: string
  lastSeenAt: string
  [fact: string]: unknown
}

export class AlertSummaries {
  private readonly publishedAt = new Map<string, number>()
  private readonly pending = new Map<string, NodeJS.Timeout>()
  /** Publications reading their row now, which a close waits for (the database closes after it). */
  private readonly publishing = new Set<Promise<void>>()

  private readonly now: () => number
  private readonly publishIntervalMs: number

  constructor (
    private readonly db: Db,
    private readonly events: EventHub,
    private readonly log: FastifyBaseLogger,
    options: { now?: () => number, publishIntervalMs?: number } = {},
  ) {
    this.now = options.now ?? Date.now
    this.publishIntervalMs = options.publishIntervalMs ?? SUMMARY_PUBLISH_INTERVAL_MS
  }

  /** Counts one occurrence: opens a summary alert (published at once) or adds to the open one (published soon). */
  async record (occurrence: SummarisedOccurrence): Promise<Alert> {
    const at = nowIso(this.now())
    const sample = Object.fromEntries(Object.entries(occurrence.sample ?? {})
      .map(([key, value]) => [key, clip(value)]).filter(([, value]) => value !== undefined)) as Record<string, string>
    const { row, opened } = await this.countOrOpen(occurrence.kind, occurrence.source, sample, at)
    const alert = toAlert(row)
    if (opened) {
      // Logged once per summary, not per occurrence: the log is as floodable as the table.
      this.log.error({ alert }, `alert ${alert.kind}`)
      this.publish(StaffEventEnum.ALERT_RAISED, alert)
    } else {
      this.publishSoon(alert.id)
    }
    return alert
  }

  /**
   * Adds the occurrence to its open summary in one statement, never read-then-write, so concurrent occurrences (in
   * this process or others) all count. Only when none is open does a transaction decide which row opens: on
   * PostgreSQL it takes the writer lock (inTransaction), so two first occurrences run one after the other and the
   * second finds the first's row and counts into it.
   */
  private async countOrOpen (kind: AlertKind, source: string, sample: Readonly<Record<string, string>>, at: string): Promise<{ row: NewAlertRow, opened: boolean }> {
    const since = nowIso(this.now() - SUMMARY_WINDOW_MS)
    let countInto = source
    for (let attempt = 1; ; attempt++) {
      const counted = await countIntoSummaryAlert(this.db, kind, countInto, since, 1, { ...sample, lastSeenAt: at })
      if (counted) return { row: counted, opened: false }
      // After the first pass only when the row the transaction found open was acknowledged before the count reached it.
      if (attempt > MAX_OPEN_ATTEMPTS) throw new Error(`alert summary ${kind}: no open row to count into after ${MAX_OPEN_ATTEMPTS} openings`)
      const decided = await inTransaction(this.db, trx => openUnlessOpen(trx, kind, source, since, sample, at))
      if ('opened' in decided) return { row: decided.opened, opened: true }
      countInto = decided.countInto
    }
  }

  /**
   * The app is closing: the summaries still waiting for their interval are published now rather than dropped (with
   * several processes, staff connected to the others would otherwise keep a stale count), and the close waits for them.
   */
  async close (): Promise<void> {
    const waiting = [...this.pending.keys()]
    for (const timer of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
    for (const id of waiting) this.publishing.add(this.publishLatest(id).catch(error => this.log.warn({ err: error }, 'alert summary not published')))
    await Promise.allSettled([...this.publishing])
  }

  private publish (event: typeof StaffEventEnum.ALERT_RAISED | typeof StaffEventEnum.ALERT_UPDATED, alert: Alert): void {
    this.publishedAt.set(alert.id, this.now())
    this.events.toStaff(event, alert)
    this.forgetOld()
  }

  /** Publishes the row's latest state once the interval since its last publication is over (at once if it is). */
  private publishSoon (id: string): void {
    if (this.pending.has(id)) return
    const wait = Math.max(0, (this.publishedAt.get(id) ?? 0) + this.publishIntervalMs - this.now())
    const timer = setTimeout(() => {
      const publishing: Promise<void> = this.publishLatest(id)
        .catch(error => this.log.warn({ err: error }, 'alert summary not published'))
        .finally(() => this.publishing.delete(publishing))
      this.publishing.add(publishing)
    }, wait)
    timer.unref()
    this.pending.set(id, timer)
  }

  private async publishLatest (id: string): Promise<void> {
    this.pending.delete(id)
    const row = await findAlert(this.db, id)
    if (row) this.publish(StaffEventEnum.ALERT_UPDATED, toAlert(row))
  }

  /** Keeps the throttle map small: rows quiet for a whole window are done being counted. */
  private forgetOld (): void {
    const before = this.now() - SUMMARY_WINDOW_MS - this.publishIntervalMs
    for (const [id, at] of this.publishedAt) if (at < before) this.publishedAt.delete(id)
  }
}

/**
 * The transaction's part of AlertSummaries.record: the source to count into when a summary is open for it (or, past
 * the cap on senders, for "many"), else the row it opened. Only reads and one insert, so it is safe to run again.
 */
async function openUnlessOpen (
  trx: Db, kind: AlertKind, source: string, since: string, sample: Readonly<Record<string, string>>, at: string,
): Promise<{ countInto: string } | { opened: NewAlertRow }> {
  if (await openSummaryAlert(trx, kind, source, since)) return { countInto: source }
  const chosen = await countAlertsSince(trx, kind, since) >= MAX_SOURCES_PER_WINDOW ? ALERT_SOURCE_MANY : source
  if (chosen !== source && await openSummaryAlert(trx, kind, chosen, since)) return { countInto: chosen }
  const detail: SummaryDetail = { ...sample, source: chosen, count: 1, firstSeenAt: at, lastSeenAt: at }
  const opened: NewAlertRow = {
    id: newId('alert'),
    kind,
    severity: SEVERITY[kind],
    payment_id: null,
    order_id: null,
    detail: JSON.stringify(detail),
    created_at: at,
    acknowledged_at: null,
    acknowledged_by: null,
  }
  await insertAlert(trx, opened)
  return { opened }
}
