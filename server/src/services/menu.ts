// Sold-out switches for dishes and options: a new menu version and a menu.changed event for every screen.
import { inTransaction } from '../db/transaction.js'
import type { EventHub } from '../lib/event-hub.js'
import { NotFoundError } from '../errors.js'
import { bumpMenuVersion, setItemAvailable, setOptionAvailable, type AvailabilityChange } from '../repositories/menu.js'
import type { Db } from '../db/database.js'
import { StaffEventEnum, TabletEventEnum } from '#shared/schemas/events.js'

/** What the menu services use: the database and the live events. */
export interface MenuServiceDeps {
  db: Db
  events: EventHub
}

export function publishMenuChanged (deps: MenuServiceDeps, version: string): void {
  deps.events.toTablets({ kind: 'tablets' }, TabletEventEnum.MENU_CHANGED, { version })
  deps.events.toStaff(StaffEventEnum.MENU_CHANGED, { version })
}

/**
 * Applies a change and bumps the version in the same transaction, so no reader ever sees the new
 * availability under the old ETag. Setting what is already set changes nothing and tells no one.
 */
async function applyAvailability (deps: MenuServiceDeps, what: string, change: (db: Db) => Promise<AvailabilityChange>): Promise<void> {
  const version = await inTransaction(deps.db, async trx => {
    const result = await change(trx)
    if (result === 'missing') throw new NotFoundError(what)
    return result === 'changed' ? bumpMenuVersion(trx) : null
  })
  if (version) publishMenuChanged(deps, version)
}

/** `staffId`: who said so, kept with the sold-out event the reports show. */
export function setDishAvailability (deps: MenuServiceDeps, id: string, available: boolean, staffId: string | null = null): Promise<void> {
  return applyAvailability(deps, 'Dish', db => setItemAvailable(db, id, available, staffId))
}

export function setOptionAvailability (deps: MenuServiceDeps, id: string, available: boolean): Promise<void> {
  return applyAvailability(deps, 'Option', db => setOptionAvailable(db, id, available))
}
