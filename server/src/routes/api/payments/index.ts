// /api/payments: a tablet (or a diner's phone) follows, cancels and draws the QR of its table's payments.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import QRCode from 'qrcode'
import { Type } from 'typebox'
import { ErrorSchema, IdParamsSchema } from '#shared/schemas/common.js'
import { PaymentSchema } from '#shared/schemas/payment.js'
import { toPayment } from '../../../repositories/payments.js'
import { NotFoundError } from '../../../errors.js'
import { paymentForTable } from './access.js'
import { storeOf } from '../../store-of.js'

const payments: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireTableSession)

  fastify.get('/:id', {
    schema: { params: IdParamsSchema, response: { 200: PaymentSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema } },
  }, async (request) => toPayment(await paymentForTable(request, request.params.id)))

  fastify.post('/:id/cancel', {
    schema: { params: IdParamsSchema, response: { 200: PaymentSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema } },
  }, async (request) => {
    const payment = await paymentForTable(request, request.params.id)
    return storeOf(request).payments.cancelByDiner(payment.id)
  })

  fastify.get('/:id/qr.svg', {
    schema: { params: IdParamsSchema, response: { 200: Type.String(), 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema } },
  }, async (request, reply) => {
    const payment = await paymentForTable(request, request.params.id)
    if (!payment.qr_code || payment.status !== 'waiting') throw new NotFoundError('QR code')
    // Medium error correction and a full quiet zone: read reliably from a phone at arm's length.
    const svg = await QRCode.toString(payment.qr_code, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg)
  })
}

export default payments
