// A database migrated only up to a given migration, as an installed server from before it would have it: the
// migration tests write old-shaped rows there, then run the rest. Each is destroyed after its test.
import { afterEach } from 'vitest'
import { Migrator, type Migration } from 'kysely'
import { openDatabase, type OpenedSqlite } from '../../src/db/database.js'
import { migrations } from '../../src/db/migrations/index.js'
import { tempDataDir } from '../helper.js'

const opened: OpenedSqlite[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.db.destroy()
})

/** An empty database file, destroyed after the test. */
export function freshDatabase (): OpenedSqlite {
  const database = openDatabase(tempDataDir())
  opened.push(database)
  return database
}

/** `last`: a migration's name, e.g. '008-reports'. */
export async function databaseAt (last: string): Promise<OpenedSqlite> {
  const database = freshDatabase()
  const names = Object.keys(migrations)
  const older: Record<string, Migration> = Object.fromEntries(names.slice(0, names.indexOf(last) + 1).map(name => [name, migrations[name]!]))
  const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => older } }).migrateToLatest()
  if (error) throw error
  return database
}
