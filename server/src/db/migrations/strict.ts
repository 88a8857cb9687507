// STRICT tables on SQLite (type-checked columns); PostgreSQL checks column types anyway and knows no such modifier.
import { type CreateTableBuilder, type Kysely, sql } from 'kysely'
import { databaseKind } from '../dialect.js'

export async function strictTable (db: Kysely<unknown>, builder: CreateTableBuilder<string, string>): Promise<void> {
  await (databaseKind(db) === 'sqlite' ? builder.modifyEnd(sql`strict`) : builder).execute()
}
