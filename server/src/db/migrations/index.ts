// The numbered migrations, in order. Append only: never edit one that has shipped.
import type { Migration } from 'kysely'
import * as core from './001-core.js'

export const migrations: Record<string, Migration> = {
  '001-core': core,
}
