// Which printer gets which dishes of an order: a `categories` printer its categories (drinks to the bar), a
// `rest` printer every dish no `categories` printer takes (everything else to the kitchen), `none` nothing.
import { PrinterRoutingEnum, type PrinterRouting } from '#shared/schemas/printer.js'

export interface RoutedPrinter {
  id: string
  routing: PrinterRouting
  categoryIds: readonly string[]
}

export interface RoutableLine {
  lineNo: number
  categoryId: string
}

/** Each printer that gets something, with the line numbers of its ticket in order; printers with nothing are left out. */
export function routeLines (printers: readonly RoutedPrinter[], lines: readonly RoutableLine[]): Map<string, number[]> {
  const claimed = new Set(printers.filter(printer => printer.routing === PrinterRoutingEnum.CATEGORIES).flatMap(printer => printer.categoryIds))
  const routed = new Map<string, number[]>()
  for (const printer of printers) {
    const takes = (line: RoutableLine): boolean => printer.routing === PrinterRoutingEnum.CATEGORIES
      ? printer.categoryIds.includes(line.categoryId)
      : printer.routing === PrinterRoutingEnum.REST && !claimed.has(line.categoryId)
    const lineNos = lines.filter(takes).map(line => line.lineNo)
    if (lineNos.length > 0) routed.set(printer.id, lineNos)
  }
  return routed
}
