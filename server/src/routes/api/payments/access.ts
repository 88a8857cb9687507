// A tablet or a diner's phone may see and cancel only the payments of its own table (its orders' and its check's).
import type { FastifyRequest } from 'fastify'
import type { PaymentRow } from '../../../db/schema.js'
import { getPaymentWithTable } from '../../../repositories/payments.js'
import { NotFoundError } from '../../../errors.js'
import { storeOf } from '../../store-of.js'

export async function paymentForTable (request: FastifyRequest, paymentId: string): Promise<PaymentRow> {
  const found = await getPaymentWithTable(storeOf(request).db, paymentId)
  // Another table's payment answers exactly like a missing one: ids are not confirmed to strangers.
  if (!found || found.tableId !== request.tableSession?.tableId) throw new NotFoundError('Payment')
  return found.payment
}
