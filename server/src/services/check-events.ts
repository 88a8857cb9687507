// check.updated to every screen at a table (its tablets and the diners' phones): they read the check again.
import type { EventHub } from '../lib/event-hub.js'
import { TabletEventEnum } from '#shared/schemas/events.js'

export function publishCheckChanged (events: EventHub, tableId: string, checkId: string): void {
  events.toTablets({ kind: 'table', tableId }, TabletEventEnum.CHECK_UPDATED, { checkId })
}
