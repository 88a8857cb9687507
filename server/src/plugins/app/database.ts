// The database as a decorator: opened and migrated before anything else, closed with the app.
import fp from 'fastify-plugin'
import { migrate, openDatabase, type Db } from '../../db/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

export default fp(async (fastify) => {
  const { db } = openDatabase(fastify.config.dataDir)
  await migrate(db)
  fastify.decorate('db', db)
  fastify.addHook('onClose', async () => { await db.destroy() })
}, { name: 'database', dependencies: ['config'] })
