// One error handler: `{ code, message }` bodies with stable codes; 5xx details are logged (request-log.ts), never sent.
import fp from 'fastify-plugin'
import type { FastifyError } from 'fastify'
import { ErrorCodeEnum, type ErrorCode } from '#shared/error-codes.js'

/** Fastify's own error codes mapped to the codes our clients branch on. */
const FRAMEWORK_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCodeEnum.INVALID_JSON,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCodeEnum.INVALID_JSON,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCodeEnum.BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCodeEnum.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCodeEnum.BAD_REQUEST,
  FST_ERR_VALIDATION: ErrorCodeEnum.VALIDATION_FAILED,
}

interface CodedError extends FastifyError {
  details?: unknown
}

export default fp(async (fastify) => {
  fastify.setErrorHandler((error: CodedError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    // A deliberate 503 (Alipay unreachable) keeps its code; anything else 5xx is a bug and stays hidden.
    if (status >= 500 && !(status === 503 && error.code && !error.code.startsWith('FST_'))) {
      request.failure = { code: ErrorCodeEnum.INTERNAL, err: error }
      return reply.code(500).send({ code: ErrorCodeEnum.INTERNAL, message: 'Internal Server Error' })
    }
    const code = error.validation ? ErrorCodeEnum.VALIDATION_FAILED : FRAMEWORK_CODES[error.code] ?? error.code ?? ErrorCodeEnum.BAD_REQUEST
    // The request's one log line carries the code (request-log.ts): debug for a refusal, warn for a 503.
    request.failure = { code }
    const body: { code: string, message: string, details?: unknown } = { code, message: error.message }
    if (error.details !== undefined) body.details = error.details
    return reply.code(status).send(body)
  })

  fastify.setNotFoundHandler({
    // Probing for URLs is throttled so 404s cannot be used to scan the API quickly.
    preHandler: fastify.rateLimit({ max: 120, timeWindow: '1 minute' }),
  }, (request, reply) => {
    reply.code(404).send({ code: ErrorCodeEnum.NOT_FOUND, message: `${request.method} ${request.url.split('?')[0]} not found` })
  })
}, { name: 'error-handler', dependencies: ['rate-limit', 'request-log'] })
