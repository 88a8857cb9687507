// A day's reconciliation in the console's words: the status, why a run could not compare, and each mismatch,
// from the codes and amounts the server sends (never text from Alipay's bill).
import type { Reconciliation, ReconciliationMismatch, ReconciliationStatus } from '@shared/schemas/reports'

export interface Translator {
  t: (key: string, named?: Record<string, unknown>) => string
  te: (key: string, locale?: string) => boolean
}

const ROOT = 'console.reports.reconciliation'

export type StatusTone = 'good' | 'wait' | 'bad'

export function statusTone (status: ReconciliationStatus): StatusTone {
  if (status === 'matched') return 'good'
  if (status === 'mismatched' || status === 'failed') return 'bad'
  return 'wait'
}

/** Title and sentence of the status; a failed or unavailable run says why, by its reason code. */
export function statusWords (reconciliation: Reconciliation, { t, te }: Translator): { title: string, explain: string } {
  const { status, reason } = reconciliation
  const title = t(`${ROOT}.status.${status}.title`)
  const explain = t(`${ROOT}.status.${status}.explain`)
  if (reason === null || status === 'matched' || status === 'mismatched') return { title, explain }
  const reasonKey = `${ROOT}.reason.${reason}`
  return { title, explain: te(reasonKey, 'en') ? t(reasonKey) : t(`${ROOT}.reason.other`, { code: reason }) }
}

/** What one mismatch means, with both sides' amounts. */
export function mismatchWords (mismatch: ReconciliationMismatch, { t }: Translator, money: (minor: number) => string): { title: string, explain: string } {
  const named = {
    here: mismatch.here === null ? '' : money(mismatch.here),
    alipay: mismatch.alipay === null ? '' : money(mismatch.alipay),
  }
  const refund = mismatch.outRequestNo !== null ? 'Refund' : ''
  const key = `${ROOT}.kind.${mismatch.kind}`
  return { title: t(`${key}.title`), explain: t(`${key}.explain${refund}`, named) }
}
