// /api/staff/orders/:id/print (reprint the kitchen tickets) and /api/staff/orders/:id/receipt (the customer's
// receipt on a chosen printer), for every role. Both queue new jobs and answer 202: the printer may be off.
// A cancelled order's kitchen tickets are refused (409 CONFLICT); its receipt is not.
import { inTransaction } from '../../../../db/transaction.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { nowIso } from '../../../../lib/tokens.js'
import { findOrderRow } from '../../../../repositories/orders.js'
import { findPrinterRow } from '../../../../repositories/printers.js'
import { insertPrintJobs } from '../../../../repositories/print-jobs.js'
import { queueTickets } from '../../../../printing/kitchen-queue.js'
import { NothingToPrintError } from '../../../../printing/errors.js'
import { ConflictError, NotFoundError } from '../../../../errors.js'
import { OrderStatusEnum } from '#shared/statuses.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { PrintQueuedSchema, ReceiptRequestSchema, ReprintSchema } from '#shared/schemas/printer.js'
import { storeOf } from '../../../store-of.js'

const orderPrinting: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.post('/:id/print', {
    schema: { params: IdParamsSchema, body: ReprintSchema, response: { 202: PrintQueuedSchema, ...errorResponses(400, 401, 404, 409, 413, 415) } },
  }, async (request, reply) => {
    const store = storeOf(request)
    const printerId = request.body?.printerId
    const order = await findOrderRow(store.db, request.params.id)
    if (!order) throw new NotFoundError('Order')
    // The kitchen must not cook it again from a reprint; its cancel ticket said so. Its receipt may still print.
    if (order.status === OrderStatusEnum.CANCELLED) throw new ConflictError('This order is cancelled: its kitchen tickets are not reprinted')
    if (printerId !== undefined && !await findPrinterRow(store.db, printerId)) throw new NotFoundError('Printer')
    const jobs = await inTransaction(store.db, trx => queueTickets(trx, {
      orderId: request.params.id, kind: 'reprint', at: nowIso(), staffId: request.staff!.id, ...(printerId !== undefined ? { printerId } : {}),
    }))
    if (jobs.length === 0) throw new NothingToPrintError()
    request.log.info({ orderId: request.params.id, jobs, staffId: request.staff!.id }, 'kitchen tickets reprinted')
    store.printing.wake()
    return reply.code(202).send({ jobs })
  })

  fastify.post('/:id/receipt', {
    schema: { params: IdParamsSchema, body: ReceiptRequestSchema, response: { 202: PrintQueuedSchema, ...errorResponses(400, 401, 404, 413, 415) } },
  }, async (request, reply) => {
    const store = storeOf(request)
    if (!await findOrderRow(store.db, request.params.id)) throw new NotFoundError('Order')
    if (!await findPrinterRow(store.db, request.body.printerId)) throw new NotFoundError('Printer')
    const jobs = await insertPrintJobs(store.db, [{
      printerId: request.body.printerId, kind: 'receipt', orderId: request.params.id, lineNos: null, staffId: request.staff!.id, createdAt: nowIso(),
    }])
    store.printing.wake()
    return reply.code(202).send({ jobs })
  })
}

export default orderPrinting
