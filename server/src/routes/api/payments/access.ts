// A tablet may see and cancel only the payments of its own table's orders.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PaymentRow } from '../../../db/schema.js'
import { NotFoundError } from '../../../errors.js'

export async function paymentForDevice (fastify: FastifyInstance, request: FastifyRequest, paymentId: string): Promise<PaymentRow> {
  const row = await fastify.db.selectFrom('payments').innerJoin('orders', 'orders.id', 'payments.order_id')
    .selectAll('payments').select('orders.table_id as table_id')
    .where('payments.id', '=', paymentId).executeTakeFirst()
  // Another table's payment answers exactly like a missing one: ids are not confirmed to strangers.
  if (!row || row.table_id !== request.device?.table_id) throw new NotFoundError('Payment')
  const { table_id: _tableId, ...payment } = row
  return payment
}
