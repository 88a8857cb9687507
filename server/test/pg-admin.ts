// The PostgreSQL test server and its maintenance connection, free of Vitest hooks so that the run's globalSetup
// (pg-test-run.ts) can use it too. Test files use pg.ts.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The maintenance connection: any database on the server the tests may create databases on. */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Every database the tests create starts with this, so a leftover one is recognisable. */
export const TEST_DATABASE_PREFIX = 'tablepad_test_'

/** The URL of `database` on the test server. */
export function pgUrlFor (database: string): string {
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/** Runs one statement on a connection of its own to `url` and answers its rows. */
export async function queryOn (url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

/** Runs one statement on the maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery (text: string): Promise<void> {
  await queryOn(TEST_PG_URL, text)
}

/** A database name of this process's that no other test database has. */
export function uniqueDatabaseName (): string {
  return `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`
}
