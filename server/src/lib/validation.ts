// Ajv setup: unknown fields are refused (never stripped) and only query strings are coerced.
import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

function makeAjv (options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, removeAdditional: false, useDefaults: true, strict: false, ...options })
  addFormats.default(ajv)
  return ajv
}

export function createValidatorCompiler (): FastifySchemaCompiler<unknown> {
  const strictAjv = makeAjv({ coerceTypes: false })
  // `?limit=20` arrives as text; query strings are the one place where coercion is expected.
  const queryAjv = makeAjv({ coerceTypes: 'array' })
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'querystring' || httpPart === 'params' ? queryAjv : strictAjv
    return ajv.compile(schema as object)
  }
}
