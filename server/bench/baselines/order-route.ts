// The bare order route both order baselines serve (SQLite and PostgreSQL): Tablepad's body schema and answer
// shape, with a `place` of each baseline's own behind it.
import Fastify, { type FastifyInstance } from 'fastify'

export interface Line { itemId: string, quantity: number, optionIds: string[] }
export interface Body { clientOrderId: string, lines: Line[], note?: string }

/** Every dish costs the same here: pricing is not what the baselines measure. */
export const PRICE = 1800

export interface PlacedOrder {
  id: string
  number: number
  total: number
  createdAt: string
}

/** The 201 answer for `body` once `place` stored it. */
export function placedAnswer (tableId: string, body: Body, placed: PlacedOrder): object {
  return { ...placed, clientOrderId: body.clientOrderId, tableId, status: 'placed', lines: body.lines.map(line => ({ ...line, price: PRICE })) }
}

export function orderTotal (body: Body): number {
  return body.lines.reduce((sum, line) => sum + PRICE * line.quantity, 0)
}

/** A Fastify app with POST /api/orders validated and serialised as Tablepad's is, calling `place`. */
export function orderApp (place: (tableId: string, body: Body) => object | Promise<object>): FastifyInstance {
  const app = Fastify({ logger: false })
  app.post<{ Body: Body }>('/api/orders', {
    schema: {
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['clientOrderId', 'lines'],
        properties: {
          clientOrderId: { type: 'string', format: 'uuid' },
          note: { type: 'string', maxLength: 200 },
          lines: {
            type: 'array', minItems: 1, maxItems: 50,
            items: {
              type: 'object', additionalProperties: false, required: ['itemId', 'quantity', 'optionIds'],
              properties: {
                itemId: { type: 'string', minLength: 1, maxLength: 64 },
                quantity: { type: 'integer', minimum: 1, maximum: 99 },
                optionIds: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 64 } },
              },
            },
          },
        },
      },
      response: {
        201: {
          type: 'object',
          properties: {
            id: { type: 'string' }, number: { type: 'integer' }, clientOrderId: { type: 'string' }, tableId: { type: 'string' },
            status: { type: 'string' }, total: { type: 'integer' }, createdAt: { type: 'string' },
            lines: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'string' }, quantity: { type: 'integer' }, price: { type: 'integer' }, optionIds: { type: 'array', items: { type: 'string' } } } } },
          },
        },
      },
    },
  }, async (request, reply) => {
    // The tablet's cookie stands for its table, as Tablepad's device lookup does (here without a query).
    const tableId = /tp_device=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? 'none'
    return reply.code(201).send(await place(tableId, request.body))
  })
  return app
}
