// Seeds the demo at start-up (DEMO_SEED, or an empty database) and says so in the banner: one restaurant on
// SQLite; on PostgreSQL a chain of two stores and its owner (seed/demo-chain.ts), with their PINs shown once.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { databaseKind } from '../../db/dialect.js'
import { seedDemo } from '../../seed/demo-seed.js'
import { seedDemoChain } from '../../seed/demo-chain.js'

const DISABLE_HINT = '(DEMO_SEED=false to start empty)'

async function seedOneRestaurant (fastify: FastifyInstance): Promise<void> {
  const outcome = await seedDemo(fastify.db, fastify.config.demoSeed, fastify.config.store.currency)
  if (!outcome.seeded) return
  fastify.log.info(outcome, 'demo restaurant seeded')
  fastify.startupNotes.push(`Demo menu: ${outcome.dishes} dishes in ${outcome.categories} categories, ${outcome.tables} tables ${DISABLE_HINT}.`)
}

async function seedChain (fastify: FastifyInstance): Promise<void> {
  const { config } = fastify
  const outcome = await seedDemoChain(fastify.database.db, {
    demoSeed: config.demoSeed,
    currency: config.store.currency,
    timezone: config.store.timezone,
    secretsKey: config.secretsKey,
    reservedPins: config.staffPin === null ? [] : [config.staffPin],
  })
  if (!outcome.seeded) return
  const { default: first, second, ownerPin } = outcome
  fastify.log.info({ default: first, second: second && { id: second.id, slug: second.slug } }, 'demo chain seeded')
  fastify.startupNotes.push(`Demo store "default": ${first.dishes} dishes in ${first.categories} categories, ${first.tables} tables ${DISABLE_HINT}.`)
  if (second) {
    fastify.startupNotes.push(`Demo store "${second.slug}" (${second.name}): ${second.dishes} dishes in ${second.categories} categories, ${second.tables} tables.`)
    fastify.startupNotes.push(`Staff PIN (manager of "${second.slug}", shown once): ${second.managerPin}`)
    fastify.startupNotes.push(`Two stores: staff log in with their store's short name ("default" or "${second.slug}").`)
  }
  if (ownerPin !== null) fastify.startupNotes.push(`Owner PIN (every store, shown once): ${ownerPin}`)
}

export default fp(async (fastify) => {
  if (databaseKind(fastify.database.db) === 'postgres') await seedChain(fastify)
  else await seedOneRestaurant(fastify)
}, { name: 'demo-seed', dependencies: ['database', 'startup-notes'] })
