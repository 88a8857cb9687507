// Printing errors the console branches on.
import createError from '@fastify/error'
import { ErrorCodeEnum } from '#shared/error-codes.js'

export const PrinterRoutingInvalidError = createError(ErrorCodeEnum.PRINTER_ROUTING_INVALID, 'A printer for some categories needs at least one category (categoryIds)', 422)
export const NothingToPrintError = createError(ErrorCodeEnum.NOTHING_TO_PRINT, 'No printer takes any dish of this order: set one up, or pick a printer', 409)
