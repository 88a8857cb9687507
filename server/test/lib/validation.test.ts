// Request validation: schemas compiled on first use behave as ajv's own functions do, for Fastify and for callers.
import { Ajv } from 'ajv'
import Fastify from 'fastify'
import { describe, expect, it, vi } from 'vitest'
import { compileOnFirstUse, createValidatorCompiler } from '../../src/lib/validation.js'

const QUANTITY = {
  type: 'object',
  properties: { quantity: { type: 'integer', minimum: 1, default: 1 } },
  additionalProperties: false,
} as const

describe('compileOnFirstUse', () => {
  it('compiles the schema when it first validates, and only once', () => {
    const ajv = new Ajv()
    const compile = vi.spyOn(ajv, 'compile')
    const validate = compileOnFirstUse(ajv, QUANTITY)
    expect(compile).not.toHaveBeenCalled()
    expect(validate({ quantity: 2 })).toBe(true)
    expect(validate({ quantity: 3 })).toBe(true)
    expect(compile).toHaveBeenCalledTimes(1)
  })

  it('holds the errors of the last call, as ajv does', () => {
    const validate = compileOnFirstUse(new Ajv(), QUANTITY)
    expect(validate({ quantity: 0 })).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/quantity', keyword: 'minimum' })
    expect(validate({ quantity: 1 })).toBe(true)
    expect(validate.errors).toBeNull()
  })
})

describe('createValidatorCompiler in Fastify', () => {
  async function app () {
    const fastify = Fastify()
    fastify.setValidatorCompiler(createValidatorCompiler())
    fastify.post('/lines', {
      schema: { body: QUANTITY, querystring: { type: 'object', properties: { limit: { type: 'integer' } } } },
    }, async request => ({ body: request.body, query: request.query }))
    await fastify.ready()
    return fastify
  }

  it('fills defaults and coerces query strings only', async () => {
    const fastify = await app()
    const answer = await fastify.inject({ method: 'POST', url: '/lines?limit=20', payload: {} })
    expect(answer.statusCode).toBe(200)
    expect(answer.json()).toEqual({ body: { quantity: 1 }, query: { limit: 20 } })
    const text = await fastify.inject({ method: 'POST', url: '/lines', payload: { quantity: '2' } })
    expect(text.statusCode).toBe(400)
    await fastify.close()
  })

  it('refuses an invalid body with the message ajv gives', async () => {
    const fastify = await app()
    const answer = await fastify.inject({ method: 'POST', url: '/lines', payload: { quantity: 0 } })
    expect(answer.statusCode).toBe(400)
    expect(answer.json<{ message: string }>().message).toBe('body/quantity must be >= 1')
    const unknown = await fastify.inject({ method: 'POST', url: '/lines', payload: { quantity: 1, note: 'x' } })
    expect(unknown.statusCode).toBe(400)
    await fastify.close()
  })
})
