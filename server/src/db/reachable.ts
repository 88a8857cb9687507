// Whether the database answers (GET /api/health): one trivial query, given a short while. A PostgreSQL server that is
// down refuses the connection at once; one cut off by the network would leave the query waiting, hence the limit.
import { sql } from 'kysely'
import type { Db } from './database.js'

export const DATABASE_CHECK_TIMEOUT_MS = 2000

export async function databaseReachable (db: Db, timeoutMs = DATABASE_CHECK_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => { timer = setTimeout(resolve, timeoutMs, false) })
  const answered = sql`select 1`.execute(db).then(() => true, () => false)
  try {
    return await Promise.race([answered, timedOut])
  } finally {
    clearTimeout(timer)
  }
}
