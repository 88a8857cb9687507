// /api/staff/session: log in with a PIN (in a store), read who is logged in, switch an owner's store, log out.
// Sessions are found and ended on the ROOT handle: a session token is a global secret, and the session names its store.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEVICE_COOKIE, STAFF_COOKIE, STAFF_SESSION_MAX_AGE_S, cookieOptions } from '../../../../lib/cookies.js'
import { newSecret } from '../../../../lib/tokens.js'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { forStore } from '../../../../db/store-scope.js'
import { createSession, deleteSession, findLoginByPin, moveSessionToStore } from '../../../../repositories/staff.js'
import { findStore, findStoreBySlug, listStores, type StoreRow } from '../../../../repositories/stores.js'
import { resolveStoreSettings, type StoreSettings } from '../../../../stores/store-settings.js'
import { InvalidPinError, OwnerOnlyError, StaffUnauthenticatedError, StoreNotFoundError, StoreRequiredError } from '../../../../errors.js'
import { storeOf } from '../../../store-of.js'
import { StaffLoginSchema, StaffSessionSchema, type StaffStore } from '#shared/schemas/staff.js'
import { SwitchStoreSchema } from '#shared/schemas/store.js'

export { LOGIN_FAILURES_PER_MINUTE } from '../../../../plugins/app/staff-auth.js'

/** The console reads the store's zone and currency here, once, before any report answers. */
export function sessionStore (settings: StoreSettings): StaffStore {
  return { id: settings.id, slug: settings.slug, name: settings.name, currency: settings.currency, timezone: settings.timezone }
}

const session: FastifyPluginAsyncTypebox = async (fastify) => {
  const root = fastify.database.db
  // Shared with /api/staff/lockouts, where a manager lets a locked-out colleague in.
  const failures = fastify.staffLoginFailures
  const settingsOf = (row: StoreRow): StoreSettings => resolveStoreSettings(row, fastify.config, fastify.config.secretsKey)

  /**
   * The store a login is for: the one named, else the store of the paired tablet it is typed on (the tablet's
   * staff PIN panel names none), else the only one (a single restaurant never types a store).
   */
  async function loginStore (slug: string | undefined, deviceToken: string | undefined): Promise<StoreRow> {
    if (slug !== undefined) {
      const store = await findStoreBySlug(root, slug)
      if (!store) throw new StoreNotFoundError(slug)
      return store
    }
    const device = deviceToken === undefined ? null : await fastify.findDeviceByToken(deviceToken)
    if (device?.store_id) {
      const store = await findStore(root, device.store_id)
      if (store) return store
    }
    const stores = await listStores(root)
    if (stores.length !== 1) throw new StoreRequiredError()
    return stores[0]!
  }

  fastify.post('/', {
    // Every attempt costs one scrypt per staff member: cap all attempts too, not only wrong ones.
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    // Checked before the body is parsed, so no body shape (bad JSON, wrong type) slips past the limit.
    onRequest: async (request, reply) => { await failures.guard(request.ip, reply) },
    schema: {
      body: StaffLoginSchema,
      response: { 200: StaffSessionSchema, ...errorResponses(400, 401, 404, 413, 415, 429) },
    },
  }, async (request, reply) => {
    const store = await loginStore(request.body.store, request.cookies[DEVICE_COOKIE])
    // Members of this store, or an owner (who may start in any store).
    const staff = await findLoginByPin(root, store.id, request.body.pin)
    if (!staff) {
      await failures.fail(request.ip)
      throw new InvalidPinError()
    }
    const token = newSecret()
    await createSession(forStore(root, store.id), staff.id, token, STAFF_SESSION_MAX_AGE_S)
    reply.setCookie(STAFF_COOKIE, token, cookieOptions(fastify.config, STAFF_SESSION_MAX_AGE_S))
    return { staff, store: sessionStore(settingsOf(store)) }
  })

  fastify.get('/', {
    preHandler: fastify.requireStaff,
    schema: { response: { 200: StaffSessionSchema, ...errorResponses(401) } },
  }, async (request) => ({ staff: request.staff!, store: sessionStore(storeOf(request).settings) }))

  fastify.put('/store', {
    preHandler: fastify.requireStaff,
    schema: {
      body: SwitchStoreSchema,
      response: { 200: StaffSessionSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
    },
  }, async (request) => {
    if (request.staff!.role !== 'owner') throw new OwnerOnlyError()
    const store = await findStore(root, request.body.storeId)
    if (!store) throw new StoreNotFoundError(request.body.storeId)
    // Resolved before the move: a store whose settings cannot load is not one to work in.
    const settings = settingsOf(store)
    if (!await moveSessionToStore(root, request.cookies[STAFF_COOKIE]!, store.id)) throw new StaffUnauthenticatedError()
    request.log.info({ staffId: request.staff!.id, storeId: store.id }, 'owner switched store')
    return { staff: request.staff!, store: sessionStore(settings) }
  })

  fastify.delete('/', {
    schema: { body: NoBodySchema, response: { 204: Type.Null(), ...errorResponses(400, 413, 415) } },
  }, async (request, reply) => {
    // Logging out always succeeds, so a console with a stale cookie can still clear it.
    const token = request.cookies[STAFF_COOKIE]
    if (token && token.length <= 200) await deleteSession(root, token)
    reply.clearCookie(STAFF_COOKIE, { ...cookieOptions(fastify.config, 0), maxAge: undefined })
    return reply.code(204).send(null)
  })
}

export default session
