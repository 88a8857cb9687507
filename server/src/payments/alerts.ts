// Raises and lists staff alerts: a row, a live event on the staff stream and an error log line.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { AlertRow } from '../db/schema.js'
import type { EventHub } from '../plugins/app/event-hub.js'
import { newId, nowIso } from '../lib/tokens.js'
import { explainAlert } from './staff-explanations.js'
import {
  AlertKindEnum, type Alert, type AlertKind, type AlertSeverity,
} from '../../../shared/src/schemas/alert.js'
import { StaffEventEnum } from '../../../shared/src/schemas/events.js'

const SEVERITY: Readonly<Record<AlertKind, AlertSeverity>> = {
  [AlertKindEnum.PAYMENT_UNKNOWN]: 'warning',
  [AlertKindEnum.PAYMENT_UNRESOLVED]: 'critical',
  [AlertKindEnum.PAYMENT_LATE_SUCCESS]: 'warning',
  [AlertKindEnum.PAID_AFTER_CANCEL]: 'critical',
  [AlertKindEnum.DOUBLE_PAYMENT]: 'warning',
  [AlertKindEnum.AMOUNT_MISMATCH]: 'critical',
  [AlertKindEnum.REFUND_FAILED]: 'critical',
  [AlertKindEnum.NOTIFICATION_BAD_SIGNATURE]: 'critical',
}

export function toAlert (row: AlertRow): Alert {
  const kind = row.kind as AlertKind
  const detail = JSON.parse(row.detail) as Record<string, unknown>
  return {
    id: row.id,
    kind,
    severity: row.severity as AlertSeverity,
    paymentId: row.payment_id,
    orderId: row.order_id,
    detail,
    // Explained when read, not stored: better wording reaches old alerts too.
    ...explainAlert(kind, detail),
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

export class Alerts {
  constructor (private readonly db: Db, private readonly events: EventHub, private readonly log: FastifyBaseLogger) {}

  async raise (input: AlertInput): Promise<Alert> {
    const row: AlertRow = {
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
    await this.db.insertInto('alerts').values(row).execute()
    const alert = toAlert(row)
    this.log.error({ alert }, `alert ${alert.kind}`)
    this.events.publish({ kind: 'staff' }, StaffEventEnum.ALERT_RAISED, alert)
    return alert
  }

  async list (options: { includeAcknowledged?: boolean, limit?: number } = {}): Promise<Alert[]> {
    let query = this.db.selectFrom('alerts').selectAll().orderBy('created_at', 'desc').limit(options.limit ?? 200)
    if (!options.includeAcknowledged) query = query.where('acknowledged_at', 'is', null)
    return (await query.execute()).map(toAlert)
  }

  /** Marks an alert seen; acknowledging twice keeps the first acknowledgement. */
  async acknowledge (id: string, staffId: string): Promise<Alert | null> {
    await this.db.updateTable('alerts').set({ acknowledged_at: nowIso(), acknowledged_by: staffId })
      .where('id', '=', id).where('acknowledged_at', 'is', null).execute()
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toAlert(row) : null
  }

  /** True when an unacknowledged alert of this kind already exists for the payment (no repeats). */
  async isOpen (kind: AlertKind, paymentId: string): Promise<boolean> {
    const row = await this.db.selectFrom('alerts').select('id')
      .where('kind', '=', kind).where('payment_id', '=', paymentId).where('acknowledged_at', 'is', null)
      .executeTakeFirst()
    return row !== undefined
  }
}
