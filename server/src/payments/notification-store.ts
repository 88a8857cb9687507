// Which store an Alipay notification is for, read before it is verified: each store may have its own Alipay
// account, so the verifier is chosen by the trade the notification names. The fields read here decide only
// whose keys check the signature: a forged out_trade_no picks a store whose keys will not verify it.
import type { Db } from '../db/database.js'
import { FormParseError, parseFormBody } from '../alipay/form.js'
import { storeOfPayment } from '../repositories/payments.js'
import { storeOfRefundRequest } from '../repositories/refunds.js'

/** Longest id looked up: ours are far shorter, and a sender's junk is not sent to the database. */
const MAX_ID_LENGTH = 128

function usable (value: string | undefined): value is string {
  return value !== undefined && value !== '' && value.length <= MAX_ID_LENGTH
}

/**
 * The store of the payment (out_trade_no) or refund (out_biz_no, our out_request_no) the notification names, on the
 * root handle; null when it names none we know, or cannot be read (the caller answers as it always has).
 */
export async function storeOfNotification (root: Db, body: Buffer, contentType: string | undefined): Promise<string | null> {
  let fields: Record<string, string>
  try {
    ({ fields } = parseFormBody(body, contentType))
  } catch (error) {
    if (error instanceof FormParseError) return null
    throw error
  }
  if (usable(fields.out_trade_no)) {
    const store = await storeOfPayment(root, fields.out_trade_no)
    if (store !== null) return store
  }
  if (usable(fields.out_biz_no)) return storeOfRefundRequest(root, fields.out_biz_no)
  return null
}
