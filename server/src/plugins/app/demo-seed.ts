// Seeds the demo restaurant at start-up (DEMO_SEED, or an empty database) and says so in the banner.
import fp from 'fastify-plugin'
import { seedDemo } from '../../seed/demo-seed.js'

export default fp(async (fastify) => {
  const outcome = await seedDemo(fastify.db, fastify.config.demoSeed, fastify.config.store.currency)
  if (outcome.seeded) {
    fastify.log.info(outcome, 'demo restaurant seeded')
    fastify.startupNotes.push(`Demo menu: ${outcome.dishes} dishes in ${outcome.categories} categories, ${outcome.tables} tables (DEMO_SEED=false to start empty).`)
  }
}, { name: 'demo-seed', dependencies: ['database', 'startup-notes'] })
