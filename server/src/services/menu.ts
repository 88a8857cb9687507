// Sold-out switches for dishes and options: a new menu version and a menu.changed event for every screen.
import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../errors.js'
import { bumpMenuVersion, setItemAvailable, setOptionAvailable, type AvailabilityChange } from '../repositories/menu.js'
import type { Db } from '../db/database.js'
import { StaffEventEnum, TabletEventEnum } from '../../../shared/src/schemas/events.js'

export function publishMenuChanged (fastify: FastifyInstance, version: string): void {
  fastify.events.publish({ kind: 'tablets' }, TabletEventEnum.MENU_CHANGED, { version })
  fastify.events.publish({ kind: 'staff' }, StaffEventEnum.MENU_CHANGED, { version })
}

/**
 * Applies a change and bumps the version in the same transaction, so no reader ever sees the new
 * availability under the old ETag. Setting what is already set changes nothing and tells no one.
 */
async function applyAvailability (fastify: FastifyInstance, what: string, change: (db: Db) => Promise<AvailabilityChange>): Promise<void> {
  const version = await fastify.db.transaction().execute(async trx => {
    const result = await change(trx)
    if (result === 'missing') throw new NotFoundError(what)
    return result === 'changed' ? bumpMenuVersion(trx) : null
  })
  if (version) publishMenuChanged(fastify, version)
}

export function setDishAvailability (fastify: FastifyInstance, id: string, available: boolean): Promise<void> {
  return applyAvailability(fastify, 'Dish', db => setItemAvailable(db, id, available))
}

export function setOptionAvailability (fastify: FastifyInstance, id: string, available: boolean): Promise<void> {
  return applyAvailability(fastify, 'Option', db => setOptionAvailable(db, id, available))
}
