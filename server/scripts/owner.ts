// `npm run owner -- --pin <4–8 digits> [--name <name>]` (docs/operations.md, "Chains"): adds the chain's owner, who
// logs in to any store (with its short name) with a manager's rights there and adds stores. Runs on the configured
// database — SQLite under DATA_DIR, or PostgreSQL when DATABASE_URL is set — migrating it first like the server does.
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { ConfigError, loadConfig, type AppConfig } from '../src/config.js'
import { migrate, openConfiguredDatabase } from '../src/db/database.js'
import { createOwner } from '../src/repositories/staff.js'
import type { StaffMember } from '#shared/schemas/staff.js'

export const DEFAULT_OWNER_NAME = 'Owner'

/** A mistake on the command line: said in one line, without a stack. */
export class UsageError extends Error {}

export interface OwnerArgs {
  pin: string
  name: string
}

export function parseOwnerArgs (argv: string[]): OwnerArgs {
  let values: { pin?: string, name?: string }
  try {
    values = parseArgs({ args: argv, options: { pin: { type: 'string' }, name: { type: 'string' } }, strict: true }).values
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Usage: npm run owner -- --pin <digits> [--name <name>]`)
  }
  if (values.pin === undefined || !/^\d{4,8}$/.test(values.pin)) throw new UsageError('--pin must be 4 to 8 digits (6 or more recommended: this PIN opens every store)')
  const name = (values.name ?? DEFAULT_OWNER_NAME).trim()
  if (name.length < 1 || name.length > 60) throw new UsageError('--name must be 1 to 60 characters')
  return { pin: values.pin, name }
}

export async function runOwner (config: Pick<AppConfig, 'dataDir' | 'databaseUrl' | 'databasePoolMax'>, args: OwnerArgs): Promise<StaffMember> {
  const database = await openConfiguredDatabase({ ...config, databasePoolMax: 1 })
  try {
    await migrate(database.db)
    return await createOwner(database.db, args)
  } finally {
    await database.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const owner = await runOwner(loadConfig(process.env), parseOwnerArgs(process.argv.slice(2)))
    process.stdout.write(`Added the owner ${owner.name} (${owner.id}): log in with this PIN and any store's short name.\n`)
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof UsageError || (error as { code?: string }).code === 'PIN_IN_USE'
    process.stderr.write(`owner failed: ${error instanceof Error ? (known ? error.message : error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  }
}
