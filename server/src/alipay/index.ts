// The Alipay merchant side: gateway interface and its Open Platform v2 client, signing, notifications, messages.
export * from './gateway.js'
export { AlipayConfigError, AlipayKeyError } from './errors.js'
export { parsePrivateKey, parsePublicKey, type KeyInput } from './keys.js'
export { buildSignContent, signContent, verifyContent, isSignType, SIGN_TYPES, type SignType, type SignParams } from './sign.js'
export { alipayTimestamp } from './timestamp.js'
export { parseGatewayAnswer, responseNodeName, type GatewayAnswer, type SignatureState } from './response.js'
export {
  createOpenApiGateway, DEFAULT_TIMEOUT_MS, DEFAULT_TRADE_TIMEOUT_MINUTES, type OpenApiGatewayOptions,
} from './open-api-gateway.js'
export { buildOpenApiRequest, type FetchFn } from './open-api-client.js'
export {
  verifyNotification, verifyNotificationFields, buildNotificationSignContent, type AlipayNotification, type NotificationVerification,
  type NotificationRejection, type VerifyNotificationOptions,
} from './notify.js'
export {
  checkNotificationBusiness, type NotificationExpectation, type NotificationVerdict, type NotificationCheck,
} from './notify-checks.js'
export { parseFormBody, type ParsedForm } from './form.js'
export { describeAlipayCode, DESCRIBED_SUB_CODES, type AlipayCodeDescription } from './messages.js'
