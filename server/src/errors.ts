// Domain errors, made once: every error body is `{ code, message }` (codes from shared/src/error-codes.ts) and clients branch on `code`.
import createError from '@fastify/error'
import { ErrorCodeEnum } from '#shared/error-codes.js'
import type { PricingErrorCode } from '#shared/pricing.js'

export const BadRequestError = createError(ErrorCodeEnum.BAD_REQUEST, '%s', 400)
export const InvalidCursorError = createError(ErrorCodeEnum.INVALID_CURSOR, 'This cursor is not one a previous page gave', 400)
export const DeviceUnknownError = createError(ErrorCodeEnum.DEVICE_UNKNOWN, 'This tablet is not registered', 401)
export const DeviceNotPairedError = createError(ErrorCodeEnum.DEVICE_NOT_PAIRED, 'This tablet is not paired to a table', 403)
export const DinerSessionExpiredError = createError(ErrorCodeEnum.DINER_SESSION_EXPIRED, 'This phone session has ended: open the table\'s link again', 401)
export const StaffUnauthenticatedError = createError(ErrorCodeEnum.STAFF_UNAUTHENTICATED, 'Staff login required', 401)
export const StaffForbiddenError = createError(ErrorCodeEnum.STAFF_FORBIDDEN, 'Your role may not do this', 403)
export const InvalidPinError = createError(ErrorCodeEnum.INVALID_PIN, 'Wrong PIN', 401)
export const NotFoundError = createError(ErrorCodeEnum.NOT_FOUND, '%s not found', 404)
export const PairingCodeInvalidError = createError(ErrorCodeEnum.PAIRING_CODE_INVALID, 'This pairing code is unknown, used or expired', 404)
export const OrderIdReusedError = createError(ErrorCodeEnum.ORDER_ID_REUSED, 'This clientOrderId was already used for a different order', 409)
export const OrderTotalTooLargeError = createError(ErrorCodeEnum.ORDER_TOTAL_TOO_LARGE, 'The order comes to more than one payment can take (at most %s): split it into smaller orders', 422)
export const InvalidTransitionError = createError(ErrorCodeEnum.INVALID_TRANSITION, 'An order cannot go from %s to %s', 409)
export const CancelReasonRequiredError = createError(ErrorCodeEnum.CANCEL_REASON_REQUIRED, 'Say why the order is cancelled (reason)', 400)
export const ConflictError = createError(ErrorCodeEnum.CONFLICT, '%s', 409)
export const TableInUseError = createError(ErrorCodeEnum.TABLE_IN_USE, '%s', 409)
export const TableLabelTakenError = createError(ErrorCodeEnum.TABLE_LABEL_TAKEN, 'Another table is already called %s', 409)
export const PinInUseError = createError(ErrorCodeEnum.PIN_IN_USE, 'Another staff member already uses this PIN', 409)
export const StoreNotFoundError = createError(ErrorCodeEnum.STORE_NOT_FOUND, 'There is no store %s', 404)
export const StoreSlugTakenError = createError(ErrorCodeEnum.STORE_SLUG_TAKEN, 'Another store already uses the short name %s', 409)
export const StoreRequiredError = createError(ErrorCodeEnum.STORE_REQUIRED, 'Several restaurants share this server: say which store (its short name)', 400)
export const StoresNeedPostgresError = createError(ErrorCodeEnum.STORES_NEED_POSTGRES, 'A second store needs PostgreSQL (DATABASE_URL); SQLite holds one restaurant', 409)
export const SecretsKeyMissingError = createError(ErrorCodeEnum.SECRETS_KEY_MISSING, 'Set SECRETS_KEY to store a restaurant\'s own settings and credentials encrypted', 409)
export const OwnerOnlyError = createError(ErrorCodeEnum.OWNER_ONLY, 'Only the chain\'s owner may do this', 403)
export const LastManagerError = createError(ErrorCodeEnum.LAST_MANAGER, 'The last manager cannot be removed or demoted', 409)
export const DeviceAlreadyPairedError = createError(ErrorCodeEnum.DEVICE_ALREADY_PAIRED, 'This tablet is already paired to a table', 409)
export const RateLimitedError = createError(ErrorCodeEnum.RATE_LIMITED, 'Too many attempts. Try again in %s s.', 429)
export const CategoryNotEmptyError = createError(ErrorCodeEnum.CATEGORY_NOT_EMPTY, 'This category still holds %s dish(es): move or remove them first', 409)
export const CategoryUnknownError = createError(ErrorCodeEnum.CATEGORY_NOT_FOUND, 'There is no category %s on the menu', 422)
export const OptionGroupInvalidError = createError(ErrorCodeEnum.OPTION_GROUP_INVALID, '%s', 422)
export const ItemNotInCategoryError = createError(ErrorCodeEnum.ITEM_NOT_IN_CATEGORY, '%s', 422)
export const ImageInvalidError = createError(ErrorCodeEnum.IMAGE_INVALID, 'The file is not a valid %s picture', 400)
export const UnsupportedMediaTypeError = createError(ErrorCodeEnum.UNSUPPORTED_MEDIA_TYPE, '%s', 415)

/** A pricing problem (ITEM_UNAVAILABLE, OPTION_TOO_FEW, …) keeps its own code and lists every offending line. */
export class OrderRejectedError extends Error {
  readonly statusCode = 422
  constructor (readonly code: PricingErrorCode, message: string, readonly details: unknown) {
    super(message)
    this.name = 'OrderRejectedError'
  }
}
