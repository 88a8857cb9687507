// Whether a page request comes from inside the Alipay app: its web view adds `AlipayClient/<version>` to the user agent.

/**
 * `AlipayClient` as a word of its own. The Hong Kong wallet (`AlipayClientHK`) is another app whose
 * authorization page does not serve mainland apps, so it is not counted.
 */
const ALIPAY_CLIENT = /\bAlipayClient\b/

/** User agents are a few hundred characters; a huge header is not worth a regular-expression scan. */
const MAX_USER_AGENT_LENGTH = 2000

export function isAlipayClient (userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.length > MAX_USER_AGENT_LENGTH) return false
  return ALIPAY_CLIENT.test(userAgent)
}
