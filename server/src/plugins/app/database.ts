// The database as a decorator: the configured one (SQLite under DATA_DIR, or PostgreSQL when DATABASE_URL is
// set), opened and migrated before anything else, closed with the app. `fastify.database.db` is the root handle
// (every store's rows: lookups by a global secret or id, cross-store work, stores, leases, limits, media, the event
// log); `fastify.db` is the default store's (db/store-scope.ts), for plugins and tests of the one-store app.
import fp from 'fastify-plugin'
import { migrate, openConfiguredDatabase, type Db, type OpenedDatabase } from '../../db/database.js'
import type { CommitGroup } from '../../db/group-commit.js'
import { DEFAULT_STORE_ID, forStore } from '../../db/store-scope.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The default store's handle: every query confined to it. The root is `database.db`. */
    db: Db
    /**
     * The database's commit group, on the root handle (a store's writes go through its context's `commits`,
     * which re-scopes the transaction). Shared by every writer, so writes that arrive together share one commit.
     */
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
  fastify.decorate('db', forStore(database.db, DEFAULT_STORE_ID))
  fastify.decorate('commits', database.commits)
  fastify.addHook('onClose', async () => { await database.close() })
}, { name: 'database', dependencies: ['config'] })
