// STRICT tables on SQLite (type-checked columns); other dialects ignore the modifier.
import { type CreateTableBuilder, type Kysely, SqliteAdapter, sql } from 'kysely'

export async function strictTable (db: Kysely<unknown>, builder: CreateTableBuilder<string, string>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter
  await (isSqlite ? builder.modifyEnd(sql`strict`) : builder).execute()
}
