// Ajv setup: unknown fields are refused (never stripped) and only query strings are coerced.
import { Ajv, type Options, type ValidateFunction } from 'ajv'
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
    return compileOnFirstUse(ajv, schema as object)
  }
}

type Validate = ((data: unknown, context?: Parameters<ValidateFunction>[1]) => boolean) & Pick<ValidateFunction, 'errors'>

/**
 * Compiles the schema when it first validates something rather than when its route is registered: ajv's code for
 * every route is about 4 MiB of an idle server, and many routes (staff settings, uploads, the sandbox) are rarely
 * called. To Fastify it looks like ajv's function: `errors` after each call, and `schemaEnv`, which makes Fastify
 * pass the parent object so that ajv can set defaults on, or coerce, the value itself.
 */
export function compileOnFirstUse (ajv: Ajv, schema: object): Validate {
  let compiled: ValidateFunction | undefined
  const compile = (): ValidateFunction => (compiled ??= ajv.compile(schema))
  const validate: Validate = (data, context) => {
    const fn = compile()
    const valid = fn(data, context)
    validate.errors = fn.errors
    return valid
  }
  Object.defineProperty(validate, 'schemaEnv', { get: () => compile().schemaEnv })
  return validate
}
