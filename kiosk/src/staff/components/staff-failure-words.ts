// Why a payment or refund failed, in the console's own words, from its failure code alone: the server sends the code
// (ours, or Alipay's sub_code), never text. A code the console has no words for is shown raw, so staff can look it up.
import { PaymentFailureCodeEnum } from '@shared/error-codes'

export interface FailureWords {
  /** The code as the server sent it. */
  code: string
  /** What happened. */
  explain: string
  /** What staff should do about it. */
  todo: string
  /** False for the general wording of a code the console does not know (its text already names the code). */
  known: boolean
}

/** The slice of vue-i18n's composer the wording needs. */
export interface FailureTranslator {
  t: (key: string, named?: Record<string, unknown>) => string
  te: (key: string, locale?: string) => boolean
}

const ROOT = 'console.failure'
const OWN_CODES: readonly string[] = Object.values(PaymentFailureCodeEnum)

/**
 * Message key part for a failure code. Alipay spells some codes more than one way (`AQC.` for `ACQ.`, a sub_code
 * without its prefix, `aop.` for `isp.`), and message keys cannot hold dots or dashes.
 */
export function failureKeyPart (code: string): string {
  let spelled = code.trim()
  if (spelled.startsWith('AQC.')) spelled = `ACQ.${spelled.slice(4)}`
  else if (spelled === 'aop.unknow-error') spelled = 'isp.unknow-error'
  else if (/^[A-Z_]+$/.test(spelled) && !OWN_CODES.includes(spelled)) spelled = `ACQ.${spelled}`
  return spelled.replace(/[^A-Za-z0-9_]/g, '_')
}

/** What happened and what to do for a failed payment or refund, in the console's language. */
export function failureWords (code: string, { t, te }: FailureTranslator): FailureWords {
  const part = failureKeyPart(code)
  const key = `${ROOT}.${part}`
  // Looked up in English, which has every key (the message tests see to Chinese); `other` is the general wording.
  if (part !== '' && part !== 'other' && te(`${key}.explain`, 'en')) {
    return { code, explain: t(`${key}.explain`), todo: t(`${key}.todo`), known: true }
  }
  return { code, explain: t(`${ROOT}.other.explain`, { code }), todo: t(`${ROOT}.other.todo`), known: false }
}
