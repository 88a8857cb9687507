// The tables repository the demo seed and the staff routes build on.
import { describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { createTable, findTableByCode, listTables, newTableCode, removeTable, TABLE_CODE_ALPHABET, TABLE_CODE_LENGTH } from '../../src/repositories/tables.js'

describe('tables repository', () => {
  it('creates tables with unguessable codes and lists them in natural order', async () => {
    const app = await buildEmptyApp()
    for (const label of ['T10', 'T2', 'T1']) await createTable(app.db, { label, seats: 2 })
    const tables = await listTables(app.db)
    expect(tables.map(table => table.label)).toEqual(['T1', 'T2', 'T10'])
    for (const table of tables) expect(table.code).toMatch(new RegExp(`^[A-Za-z0-9]{${TABLE_CODE_LENGTH}}$`))
    expect(new Set(tables.map(table => table.code)).size).toBe(3)
    expect(await findTableByCode(app.db, tables[0]!.code)).toEqual(tables[0])
  })

  it('draws codes evenly from 32 characters that cannot be mistaken for each other', () => {
    expect(new Set(TABLE_CODE_ALPHABET).size).toBe(32)
    expect(TABLE_CODE_ALPHABET).not.toMatch(/[0o1l]/)
    const used = new Set(Array.from({ length: 500 }, () => newTableCode()).join(''))
    expect([...used].sort().join('')).toBe([...TABLE_CODE_ALPHABET].sort().join(''))
  })

  it('refuses a label already in use, whatever its case', async () => {
    const app = await buildEmptyApp()
    await createTable(app.db, { label: 'Patio 1' })
    await expect(createTable(app.db, { label: 'patio 1' })).rejects.toMatchObject({ code: 'TABLE_LABEL_TAKEN', statusCode: 409 })
  })

  it('frees the label of a removed table', async () => {
    const app = await buildEmptyApp()
    const table = await createTable(app.db, { label: 'T13' })
    expect(await removeTable(app.db, table.id)).toBe(true)
    expect(await findTableByCode(app.db, table.code)).toBeNull()
    const again = await createTable(app.db, { label: 'T13' })
    expect((await listTables(app.db)).map(t => t.id)).toEqual([again.id])
  })
})
