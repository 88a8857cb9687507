// An alert in the console's own words, from its kind and raw detail alone: the server sends codes and facts, never text.
import { ALERT_SOURCE_MANY, AlertKindEnum, type Alert } from '@shared/schemas/alert'

export interface AlertWords {
  title: string
  explain: string
  todo: string
}

/** The slice of vue-i18n's composer the wording needs (named values, and a count for plural messages). */
export interface AlertTranslator {
  t: (key: string, named?: Record<string, unknown>, plural?: number) => string
  te: (key: string, locale?: string) => boolean
}

const ROOT = 'console.alertKind'

/** Message group of the kind; a kind added later on the server still gets a general explanation. */
function kindKey (kind: string, te: AlertTranslator['te']): string {
  const key = `${ROOT}.${kind.replace(/\./g, '_')}`
  return te(`${key}.title`, 'en') ? key : `${ROOT}.other`
}

function isAmount (value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value)
}

/** The sentence saying what happened, using the facts this kind's detail carries when they are there. */
function explain (alert: Alert, key: string, { t, te }: AlertTranslator, money: (minor: number) => string): string {
  const { detail } = alert
  switch (alert.kind) {
    case AlertKindEnum.AMOUNT_MISMATCH:
      // Only the reconciler's check knows both amounts (minor units); a notification's mismatch carries its own detail.
      if (isAmount(detail.expected) && isAmount(detail.reported)) {
        return t(`${key}.explainAmounts`, { expected: money(detail.expected), reported: money(detail.reported) })
      }
      break
    case AlertKindEnum.REFUND_FAILED:
      // Alipay's reason as its raw sub_code: the payment's page explains the code in words.
      if (typeof detail.subCode === 'string' && detail.subCode !== '') return t(`${key}.explainWithCode`, { code: detail.subCode })
      break
    case AlertKindEnum.NOTIFICATION_BAD_SIGNATURE:
      // A summary row counts the notifications from one sender, or from "many" once too many were seen.
      if (isAmount(detail.count) && detail.count > 0) {
        const { count, source } = detail
        return typeof source === 'string' && source !== ALERT_SOURCE_MANY
          ? t(`${key}.explainFrom`, { count, source }, count)
          : t(`${key}.explainFromMany`, { count }, count)
      }
      break
    case AlertKindEnum.PRINTER_UNREACHABLE:
      // The printer's name and address as the console set them up.
      if (typeof detail.name === 'string' && typeof detail.host === 'string') {
        return t(`${key}.explainNamed`, { name: detail.name, address: `${detail.host}:${String(detail.port ?? '')}` })
      }
      break
    case AlertKindEnum.RECONCILIATION_MISMATCH: {
      // Raw facts of one difference with Alipay's bill: the day, its kind, the payment and both sides' amounts.
      const { kind, outTradeNo, date, here, alipay } = detail
      if (typeof kind === 'string' && typeof outTradeNo === 'string' && te(`${key}.kinds.${kind}`, 'en')) {
        return t(`${key}.kinds.${kind}`, {
          date: typeof date === 'string' ? date : '',
          trade: outTradeNo,
          here: isAmount(here) ? money(here) : '',
          alipay: isAmount(alipay) ? money(alipay) : '',
        })
      }
      break
    }
  }
  return t(`${key}.explain`)
}

/**
 * Alerts of one kind that tell another story, worded as a whole: a late success that Alipay's cancel
 * refunded (the money went back, the order stayed unpaid); a refund Alipay has not confirmed for a day
 * (not refused: still retried).
 */
function storyOf (alert: Alert): string | null {
  if (alert.kind === AlertKindEnum.PAYMENT_LATE_SUCCESS && alert.detail.refundedByCancel === true) return 'refundedByCancel'
  if (alert.kind === AlertKindEnum.REFUND_FAILED && alert.detail.unconfirmed === true) return 'unconfirmed'
  return null
}

/** Title, what happened and what to do for one alert, in the console's language. */
export function alertWords (alert: Alert, translator: AlertTranslator, money: (minor: number) => string): AlertWords {
  const { t, te } = translator
  const key = kindKey(alert.kind, te)
  const story = storyOf(alert)
  if (story !== null && te(`${key}.${story}.title`, 'en')) {
    const variant = `${key}.${story}`
    return { title: t(`${variant}.title`), explain: t(`${variant}.explain`), todo: t(`${variant}.todo`) }
  }
  return { title: t(`${key}.title`), explain: explain(alert, key, translator, money), todo: t(`${key}.todo`) }
}
