// A tablet or a diner's phone may see and cancel only the payments of its own table (its orders' and its check's).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PaymentRow } from '../../../db/schema.js'
import { getPaymentWithTable } from '../../../repositories/payments.js'
import { NotFoundError } from '../../../errors.js'

export async function paymentForTable (fastify: FastifyInstance, request: FastifyRequest, paymentId: string): Promise<PaymentRow> {
  const found = await getPaymentWithTable(fastify.db, paymentId)
  // Another table's payment answers exactly like a missing one: ids are not confirmed to strangers.
  if (!found || found.tableId !== request.tableSession?.tableId) throw new NotFoundError('Payment')
  return found.payment
}
