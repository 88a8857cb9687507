// Raises and lists staff alerts: a row, a live event on the staff stream and an error log line.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { EventHub } from '../lib/event-hub.js'
import {
  acknowledgeAlert, alertRowPage, findAlert, hasOpenAlert, insertAlert, type AlertCursor, type NewAlertRow,
} from '../repositories/alerts.js'
import { newId, nowIso } from '../lib/tokens.js'
import {
  AlertKindEnum, type Alert, type AlertKind, type AlertSeverity,
} from '#shared/schemas/alert.js'
import { StaffEventEnum } from '#shared/schemas/events.js'

/** How urgent each kind is; summaries (alert-summaries.ts) use it too. */
export const SEVERITY: Readonly<Record<AlertKind, AlertSeverity>> = {
  [AlertKindEnum.PAYMENT_UNKNOWN]: 'warning',
  [AlertKindEnum.PAYMENT_UNRESOLVED]: 'critical',
  [AlertKindEnum.PAYMENT_LATE_SUCCESS]: 'warning',
  [AlertKindEnum.PAID_AFTER_CANCEL]: 'critical',
  [AlertKindEnum.DOUBLE_PAYMENT]: 'warning',
  [AlertKindEnum.AMOUNT_MISMATCH]: 'critical',
  [AlertKindEnum.REFUND_FAILED]: 'critical',
  [AlertKindEnum.NOTIFICATION_BAD_SIGNATURE]: 'critical',
  [AlertKindEnum.RECONCILIATION_MISMATCH]: 'critical',
  [AlertKindEnum.PRINTER_UNREACHABLE]: 'warning',
}

export function toAlert (row: NewAlertRow): Alert {
  const kind = row.kind as AlertKind
  const detail = JSON.parse(row.detail) as Record<string, unknown>
  return {
    id: row.id,
    kind,
    severity: row.severity as AlertSeverity,
    paymentId: row.payment_id,
    orderId: row.order_id,
    // Facts only: the staff console words each alert from its kind and detail.
    detail,
    createdAt: row.created_at,
    acknowledgedAt: row.acknowledged_at,
  }
}

export interface AlertInput {
  kind: AlertKind
  paymentId?: string | null
  orderId?: string | null
  detail?: Record<string, unknown>
}

export interface AlertPage {
  alerts: Alert[]
  nextCursor: AlertCursor | null
}

export class Alerts {
  constructor (private readonly db: Db, private readonly events: EventHub, private readonly log: FastifyBaseLogger) {}

  async raise (input: AlertInput): Promise<Alert> {
    const alert = await this.record(this.db, input)
    this.announce(alert)
    return alert
  }

  /**
   * Writes the alert row only, inside the caller's transaction, so it commits (or not) with the state
   * change it is about; call `announce` after the commit. A rolled-back alert is never announced.
   */
  async record (trx: Db, input: AlertInput): Promise<Alert> {
    const row: NewAlertRow = {
      id: newId('alert'),
      kind: input.kind,
      severity: SEVERITY[input.kind],
      payment_id: input.paymentId ?? null,
      order_id: input.orderId ?? null,
      detail: JSON.stringify(input.detail ?? {}),
      created_at: nowIso(),
      acknowledged_at: null,
      acknowledged_by: null,
    }
    await insertAlert(trx, row)
    return toAlert(row)
  }

  /** The live event on the staff stream and the error log line, for an alert already committed. */
  announce (alert: Alert): void {
    this.log.error({ alert }, `alert ${alert.kind}`)
    this.events.toStaff(StaffEventEnum.ALERT_RAISED, alert)
  }

  /** Marks an alert seen; acknowledging twice keeps the first acknowledgement. */
  async acknowledge (id: string, staffId: string): Promise<Alert | null> {
    await acknowledgeAlert(this.db, id, staffId)
    const row = await findAlert(this.db, id)
    return row ? toAlert(row) : null
  }

  /** True when an unacknowledged alert of this kind already exists for the payment (no repeats). */
  isOpen (kind: AlertKind, paymentId: string, db: Db = this.db): Promise<boolean> {
    return hasOpenAlert(db, kind, paymentId)
  }

  /** One page, newest first, continuing after `before` (the last row of the previous page). */
  async page (options: { includeAcknowledged?: boolean, limit: number, before?: AlertCursor | null }): Promise<AlertPage> {
    const page = await alertRowPage(this.db, { includeAcknowledged: options.includeAcknowledged === true, limit: options.limit, before: options.before ?? null })
    return { alerts: page.rows.map(toAlert), nextCursor: page.nextCursor }
  }
}
