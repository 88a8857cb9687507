// Domain errors, made once: every error body is `{ code, message }` and clients branch on `code`.
import createError from '@fastify/error'

export const BadRequestError = createError('BAD_REQUEST', '%s', 400)
export const DeviceUnknownError = createError('DEVICE_UNKNOWN', 'This tablet is not registered', 401)
export const DeviceNotPairedError = createError('DEVICE_NOT_PAIRED', 'This tablet is not paired to a table', 403)
export const StaffUnauthenticatedError = createError('STAFF_UNAUTHENTICATED', 'Staff login required', 401)
export const StaffForbiddenError = createError('STAFF_FORBIDDEN', 'Your role may not do this', 403)
export const InvalidPinError = createError('INVALID_PIN', 'Wrong PIN', 401)
export const NotFoundError = createError('NOT_FOUND', '%s not found', 404)
export const PairingCodeInvalidError = createError('PAIRING_CODE_INVALID', 'This pairing code is unknown, used or expired', 404)
export const OrderIdReusedError = createError('ORDER_ID_REUSED', 'This clientOrderId was already used for a different order', 409)
export const InvalidTransitionError = createError('INVALID_TRANSITION', 'An order cannot go from %s to %s', 409)
export const CancelReasonRequiredError = createError('CANCEL_REASON_REQUIRED', 'Say why the order is cancelled (reason)', 400)
export const ConflictError = createError('CONFLICT', '%s', 409)
export const TableInUseError = createError('TABLE_IN_USE', '%s', 409)
export const TableLabelTakenError = createError('TABLE_LABEL_TAKEN', 'Another table is already called %s', 409)
export const PinInUseError = createError('PIN_IN_USE', 'Another staff member already uses this PIN', 409)
export const LastManagerError = createError('LAST_MANAGER', 'The last manager cannot be removed or demoted', 409)
export const DeviceAlreadyPairedError = createError('DEVICE_ALREADY_PAIRED', 'This tablet is already paired to a table', 409)
export const RateLimitedError = createError('RATE_LIMITED', 'Too many attempts. Try again in %s s.', 429)
export const UnprocessableError = createError('UNPROCESSABLE', '%s', 422)
export const CategoryNotEmptyError = createError('CATEGORY_NOT_EMPTY', 'This category still holds %s dish(es): move or remove them first', 409)
export const CategoryUnknownError = createError('CATEGORY_NOT_FOUND', 'There is no category %s on the menu', 422)
export const OptionGroupInvalidError = createError('OPTION_GROUP_INVALID', '%s', 422)
export const ItemNotInCategoryError = createError('ITEM_NOT_IN_CATEGORY', '%s', 422)
export const ImageInvalidError = createError('IMAGE_INVALID', 'The file is not a valid %s picture', 400)
export const UnsupportedMediaTypeError = createError('UNSUPPORTED_MEDIA_TYPE', '%s', 415)

/** A pricing problem (ITEM_UNAVAILABLE, OPTION_TOO_FEW, …) keeps its own code and lists every offending line. */
export class OrderRejectedError extends Error {
  readonly statusCode = 422
  constructor (readonly code: string, message: string, readonly details: unknown) {
    super(message)
    this.name = 'OrderRejectedError'
  }
}
