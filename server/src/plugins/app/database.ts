// The database as a decorator: the configured one (SQLite under DATA_DIR, or PostgreSQL when DATABASE_URL is
// set), opened and migrated before anything else, closed with the app.
import fp from 'fastify-plugin'
import { migrate, openConfiguredDatabase, type Db, type OpenedDatabase } from '../../db/database.js'
import type { CommitGroup } from '../../db/group-commit.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    /** Shared by every writer of `db`, so writes of all kinds that arrive together share one commit. */
    commits: CommitGroup
    /** What was opened: its kind, and on PostgreSQL the pool (for a LISTEN connection of one's own). */
    database: OpenedDatabase
  }
}

export default fp(async (fastify) => {
  const database = await openConfiguredDatabase(fastify.config, (error) => {
    fastify.log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool opens another')
  })
  try {
    await migrate(database.db)
  } catch (error) {
    await database.close()
    throw error
  }
  fastify.decorate<OpenedDatabase>('database', database)
  fastify.decorate('db', database.db)
  fastify.decorate('commits', database.commits)
  fastify.addHook('onClose', async () => { await database.close() })
}, { name: 'database', dependencies: ['config'] })
