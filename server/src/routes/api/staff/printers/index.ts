// /api/staff/printers: kitchen and counter printers. Every role sees them (a receipt is printed on one); only
// managers set them up, remove them and print a test page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { nowIso } from '../../../../lib/tokens.js'
import { deletePrinter, findPrinterRow, insertPrinter, listPrinters, loadPrinter, updatePrinter } from '../../../../repositories/printers.js'
import { insertPrintJobs } from '../../../../repositories/print-jobs.js'
import { checkRouting } from '../../../../printing/printer-setup.js'
import { findAlert, resolveAlert } from '../../../../repositories/alerts.js'
import { toAlert } from '../../../../payments/alerts.js'
import { NotFoundError } from '../../../../errors.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { StaffEventEnum } from '#shared/schemas/events.js'
import { CreatePrinterSchema, PrinterSchema, PrintQueuedSchema, UpdatePrinterSchema, type PrinterRouting } from '#shared/schemas/printer.js'
import { storeOf } from '../../../store-of.js'

const printers: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.get('/', {
    schema: { response: { 200: Type.Array(PrinterSchema), ...errorResponses(401) } },
  }, async (request) => listPrinters(storeOf(request).db))

  fastify.post('/', {
    preHandler: fastify.requireManager,
    schema: { body: CreatePrinterSchema, response: { 201: PrinterSchema, ...errorResponses(400, 401, 403, 413, 415, 422) } },
  }, async (request, reply) => {
    const store = storeOf(request)
    await checkRouting(store.db, request.body.routing, request.body.categoryIds ?? [])
    const printer = await insertPrinter(store.db, request.body)
    request.log.info({ printerId: printer.id, staffId: request.staff?.id }, 'printer added')
    return reply.code(201).send(printer)
  })

  fastify.patch('/:id', {
    preHandler: fastify.requireManager,
    schema: { params: IdParamsSchema, body: UpdatePrinterSchema, response: { 200: PrinterSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422) } },
  }, async (request) => {
    const store = storeOf(request)
    const row = await findPrinterRow(store.db, request.params.id)
    if (!row) throw new NotFoundError('Printer')
    await checkRouting(store.db, request.body.routing ?? row.routing as PrinterRouting, request.body.categoryIds ?? JSON.parse(row.category_ids) as string[])
    await updatePrinter(store.db, row.id, request.body)
    // A new address (or a printer fixed meanwhile) is tried now rather than after the backoff.
    store.printing.forget(row.id)
    const printer = await loadPrinter(store.db, row.id)
    if (!printer) throw new NotFoundError('Printer')
    return printer
  })

  fastify.delete('/:id', {
    preHandler: fastify.requireManager,
    schema: { params: IdParamsSchema, body: NoBodySchema, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 413, 415) } },
  }, async (request, reply) => {
    const store = storeOf(request)
    const row = await findPrinterRow(store.db, request.params.id)
    if (!row || !await deletePrinter(store.db, row.id)) throw new NotFoundError('Printer')
    store.printing.forget(row.id)
    // Its outage is over for the board too: the printer and what it had to print are gone.
    if (row.alert_id !== null && await resolveAlert(store.db, row.alert_id, nowIso())) {
      const alert = await findAlert(store.db, row.alert_id)
      if (alert) store.events.toStaff(StaffEventEnum.ALERT_UPDATED, toAlert(alert))
    }
    return reply.code(204).send(null)
  })

  fastify.post('/:id/test', {
    preHandler: fastify.requireManager,
    schema: { params: IdParamsSchema, body: NoBodySchema, response: { 202: PrintQueuedSchema, ...errorResponses(400, 401, 403, 404, 413, 415) } },
  }, async (request, reply) => {
    const store = storeOf(request)
    const row = await findPrinterRow(store.db, request.params.id)
    if (!row) throw new NotFoundError('Printer')
    const jobs = await insertPrintJobs(store.db, [{ printerId: row.id, kind: 'test', orderId: null, lineNos: null, staffId: request.staff!.id, createdAt: nowIso() }])
    // A manager testing wants to see it now, not after the backoff of a printer that was off.
    store.printing.forget(row.id)
    return reply.code(202).send({ jobs })
  })
}

export default printers
