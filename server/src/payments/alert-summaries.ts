// Alerts anyone on the network can trigger (forged notifications) folded into one counted row per source and window.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { AlertRow } from '../db/schema.js'
import type { EventHub } from '../lib/event-hub.js'
import { countAlertsSince, findAlert, insertAlert, openSummaryAlert, setAlertDetail } from '../repositories/alerts.js'
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
    // One transaction on the single connection: concurrent occurrences cannot both open a row.
    const { row, opened } = await this.db.transaction().execute(async trx => {
      const since = nowIso(this.now() - SUMMARY_WINDOW_MS)
      let source = occurrence.source
      let open = await openSummaryAlert(trx, occurrence.kind, source, since)
      if (!open && await countAlertsSince(trx, occurrence.kind, since) >= MAX_SOURCES_PER_WINDOW) {
        source = ALERT_SOURCE_MANY
        open = await openSummaryAlert(trx, occurrence.kind, source, since)
      }
      if (open) {
        const previous = JSON.parse(open.detail) as SummaryDetail
        const detail: SummaryDetail = { ...previous, ...sample, count: previous.count + 1, lastSeenAt: at }
        const serialised = JSON.stringify(detail)
        await setAlertDetail(trx, open.id, serialised)
        return { row: { ...open, detail: serialised }, opened: false }
      }
      const detail: SummaryDetail = { ...sample, source, count: 1, firstSeenAt: at, lastSeenAt: at }
      const created: AlertRow = {
        id: newId('alert'),
        kind: occurrence.kind,
        severity: SEVERITY[occurrence.kind],
        payment_id: null,
        order_id: null,
        detail: JSON.stringify(detail),
        created_at: at,
        acknowledged_at: null,
        acknowledged_by: null,
      }
      await insertAlert(trx, created)
      return { row: created, opened: true }
    })
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

  /** Stops pending publications (the app is closing). */
  close (): void {
    for (const timer of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
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
      void this.publishLatest(id).catch(error => this.log.warn({ err: error }, 'alert summary not published'))
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
