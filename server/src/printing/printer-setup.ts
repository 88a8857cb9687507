// A manager's printer settings checked against the menu before they are stored.
import type { Db } from '../db/database.js'
import { unknownCategoryIds } from '../repositories/printers.js'
import { CategoryUnknownError } from '../errors.js'
import { PrinterRoutingInvalidError } from './errors.js'
import { PrinterRoutingEnum, type PrinterRouting } from '#shared/schemas/printer.js'

/** A `categories` printer lists at least one category, and every listed category is on the menu. */
export async function checkRouting (db: Db, routing: PrinterRouting, categoryIds: readonly string[]): Promise<void> {
  if (routing === PrinterRoutingEnum.CATEGORIES && categoryIds.length === 0) throw new PrinterRoutingInvalidError()
  const unknown = await unknownCategoryIds(db, categoryIds)
  if (unknown.length > 0) throw new CategoryUnknownError(unknown.join(', '))
}
