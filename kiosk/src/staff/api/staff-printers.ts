// The console's printer endpoints: setting printers up (managers), a test page, reprinting an order's kitchen
// tickets and printing a diner's receipt (everyone).
import type { CreatePrinter, PrintQueued, Printer, UpdatePrinter } from '@shared/schemas/printer'
import { request } from '@/core/api/client'

const at = encodeURIComponent

export function listPrinters (): Promise<Printer[]> {
  return request('GET', '/api/staff/printers')
}
export function addPrinter (body: CreatePrinter): Promise<Printer> {
  return request('POST', '/api/staff/printers', { body })
}
export function updatePrinter (id: string, body: UpdatePrinter): Promise<Printer> {
  return request('PATCH', `/api/staff/printers/${at(id)}`, { body })
}
export function removePrinter (id: string): Promise<unknown> {
  return request('DELETE', `/api/staff/printers/${at(id)}`)
}
export function testPrint (id: string): Promise<PrintQueued> {
  return request('POST', `/api/staff/printers/${at(id)}/test`)
}
/** Every printer the order's dishes go to, or all of it on `printerId`. */
export function reprintOrder (orderId: string, printerId?: string): Promise<PrintQueued> {
  return request('POST', `/api/staff/orders/${at(orderId)}/print`, { body: printerId ? { printerId } : {} })
}
export function printReceipt (orderId: string, printerId: string): Promise<PrintQueued> {
  return request('POST', `/api/staff/orders/${at(orderId)}/receipt`, { body: { printerId } })
}
