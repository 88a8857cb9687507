// Configuration errors of the Alipay client, raised at start-up so a bad setup fails with one clear line.

/** Something in the Alipay configuration is missing or unusable. */
export class AlipayConfigError extends Error {
  override name = 'AlipayConfigError'
}

/** A key that cannot be used; the message says what is wrong and never contains key material. */
export class AlipayKeyError extends AlipayConfigError {
  override name = 'AlipayKeyError'
}
