// The database as a decorator: opened and migrated before anything else, closed with the app.
import fp from 'fastify-plugin'
import { migrate, openDatabase, type Db } from '../../db/database.js'
import type { CommitGroup } from '../../db/group-commit.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    /** Shared by every writer of `db`, so writes of all kinds that arrive together share one commit. */
    commits: CommitGroup
  }
}

export default fp(async (fastify) => {
  const { db, commits } = openDatabase(fastify.config.dataDir)
  await migrate(db)
  fastify.decorate('db', db)
  fastify.decorate('commits', commits)
  fastify.addHook('onClose', async () => { await db.destroy() })
}, { name: 'database', dependencies: ['config'] })
