// /api/stores: the chain's stores. The owner lists, adds and changes every store; a manager reads their own
// store and may rename it; other staff read their own. Stores are global rows: read and written on the ROOT handle.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../../lib/route-schemas.js'
import {
  createStore, findStore, listStores, mergeSettings, updateStore, type SettingsChanges, type StoreRow,
} from '../../../repositories/stores.js'
import {
  applyStoreSettings, openStoreSettings, resolveStoreSettings, StoreSettingsError, type SealedStoreSettings,
} from '../../../stores/store-settings.js'
import { forStore } from '../../../db/store-scope.js'
import { hasOpenPayments } from '../../../repositories/payments.js'
import { countOpenRefunds } from '../../../repositories/refunds.js'
import { BadRequestError, ConflictError, OwnerOnlyError, SecretsKeyMissingError, StoreNotFoundError } from '../../../errors.js'
import { storeOf } from '../../store-of.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { CreateStoreSchema, StoreSchema, UpdateStoreSchema, type StoreAlipayCredentials } from '#shared/schemas/store.js'
import { storeAnswer } from './answer.js'

/** The API's Alipay credentials as the store's own AlipayConfig fields. */
function alipayFields (credentials: StoreAlipayCredentials): SealedStoreSettings['alipay'] {
  return {
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    publicKey: credentials.alipayPublicKey,
    ...(credentials.sellerId !== undefined ? { sellerId: credentials.sellerId } : {}),
  }
}

const stores: FastifyPluginAsyncTypebox = async (fastify) => {
  const root = fastify.database.db
  const key = fastify.config.secretsKey
  const answerOf = (row: StoreRow) => storeAnswer(resolveStoreSettings(row, fastify.config, key))

  /** Refuses settings a store could not run on (an unknown zone, a currency its Alipay protocol cannot take). */
  function checkSettings (store: Pick<StoreRow, 'id' | 'slug' | 'name'>, settings: SealedStoreSettings): void {
    try {
      applyStoreSettings(store, settings, fastify.config)
    } catch (error) {
      if (error instanceof StoreSettingsError) throw new BadRequestError(error.message)
      throw error
    }
  }

  /**
   * An open payment or refund is settled on the account it was made with (its queries, cancels and refund retries
   * go through the store's gateway): the account changes only once the store has none.
   */
  async function refuseWhileTradesOpen (storeId: string): Promise<void> {
    const db = forStore(root, storeId)
    if (await hasOpenPayments(db) || await countOpenRefunds(db) > 0) {
      throw new ConflictError('This store has payments or refunds still being settled with Alipay: change its Alipay account once they are settled')
    }
  }

  /** Every process rebuilds the store's context (its settings, gateway and workers) on this. */
  function announce (storeId: string): void {
    fastify.events.forStore(storeId).toProcesses('store.updated', { storeId })
  }

  fastify.get('/', {
    preHandler: fastify.requireStaff,
    schema: { response: { 200: Type.Array(StoreSchema), ...errorResponses(401) } },
  }, async (request) => {
    if (request.staff!.role === 'owner') return (await listStores(root)).map(answerOf)
    const own = await findStore(root, storeOf(request).id)
    return own ? [answerOf(own)] : []
  })

  fastify.post('/', {
    preHandler: fastify.requireOwner,
    schema: {
      body: CreateStoreSchema,
      response: { 201: StoreSchema, ...errorResponses(400, 401, 403, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const { slug, name, currency, timezone, paymentMode, alipay } = request.body
    const settings: SealedStoreSettings = {
      ...(currency !== undefined ? { currency } : {}),
      ...(timezone !== undefined ? { timezone } : {}),
      ...(paymentMode !== undefined ? { paymentMode } : {}),
      ...(alipay !== undefined ? { alipay: alipayFields(alipay) } : {}),
    }
    checkSettings({ id: slug, slug, name }, settings)
    const row = await createStore(root, { slug, name, settings }, key)
    request.log.info({ storeId: row.id, slug, staffId: request.staff!.id }, 'store created')
    announce(row.id)
    return reply.code(201).send(answerOf(row))
  })

  fastify.patch('/:id', {
    preHandler: fastify.requireManager,
    schema: {
      params: IdParamsSchema,
      body: UpdateStoreSchema,
      response: { 200: StoreSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request) => {
    const owner = request.staff!.role === 'owner'
    const { id } = request.params
    // A manager sees no other store: it is not found, rather than forbidden.
    if (!owner && id !== storeOf(request).id) throw new StoreNotFoundError(id)
    const { name, alipay, ...rest } = request.body
    const changes: SettingsChanges = { ...rest }
    if (alipay !== undefined) changes.alipay = alipay === null ? null : alipayFields(alipay)
    const settingsChange = Object.keys(changes).length > 0
    if (!owner && settingsChange) throw new OwnerOnlyError()
    const current = await findStore(root, id)
    if (!current) throw new StoreNotFoundError(id)
    if (alipay !== undefined) await refuseWhileTradesOpen(id)
    // The store's own settings are sealed: without the key they can be neither read nor changed.
    if (settingsChange && key === null && current.sealed_settings !== null) throw new SecretsKeyMissingError()
    if (settingsChange) checkSettings({ ...current, name: name ?? current.name }, mergeSettings(openStoreSettings(current, key), changes))
    const updated = await updateStore(root, id, { ...(name !== undefined ? { name } : {}), ...(settingsChange ? { settings: changes } : {}) }, key)
    if (!updated) throw new StoreNotFoundError(id)
    request.log.info({ storeId: id, staffId: request.staff!.id, fields: Object.keys(request.body) }, 'store changed')
    announce(id)
    return answerOf(updated)
  })
}

export default stores
