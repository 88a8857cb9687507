// The console's own message files: both languages complete and really translated, and a message for every key the console asks for.
import { describe, expect, it } from 'vitest'
import { AlertKindEnum } from '@shared/schemas/alert'
import { ORDER_STATUSES } from '@shared/schemas/order'
import { PAYMENT_STATUSES, RefundStatusEnum } from '@shared/schemas/payment'
import { STAFF_NAV } from '@/staff/components/staff-nav'
import { nextStepOf, BOARD_STATUSES } from '@/staff/stores/staff-orders'
import enSource from '../en.json?raw'
import zhSource from '../zh-CN.json?raw'
import { errorMessageKey } from '@/core/i18n/errors'
import { STAFF_ERRORS, STAFF_ERROR_CODES } from '../errors'

type Messages = { [key: string]: string | Messages }

function flatten (messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') flat.set(path, value)
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text)
  }
  return flat
}

const en = flatten(JSON.parse(enSource) as Messages)
const zh = flatten(JSON.parse(zhSource) as Messages)

const placeholders = (message: string): string[] => [...new Set([...message.matchAll(/\{(\w+)\}/g)].map(match => match[1]!))].sort()

/** The console's code: its views, components, stores, composables and API module (tests excluded). */
const sources = Object.entries({
  ...import.meta.glob<string>(['../../**/*.{vue,ts}', '!../../**/__tests__/**'], { query: '?raw', import: 'default', eager: true }),
})

describe('staff console messages', () => {
  it('live under console.*, apart from the tablet\'s messages', () => {
    for (const key of en.keys()) expect(key.startsWith('console.'), key).toBe(true)
  })

  it('have every key in both languages, none empty', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort())
    for (const [key, text] of [...en, ...zh]) expect(text.trim(), key).not.toBe('')
  })

  it('use the same placeholders and plural forms in both languages', () => {
    for (const [key, text] of en) {
      const chinese = zh.get(key) ?? ''
      expect(placeholders(chinese), key).toEqual(placeholders(text))
      expect(chinese.split(' | ').length, `${key}: plural forms`).toBe(text.split(' | ').length)
    }
  })

  it('are really translated: Chinese text in the Chinese file', () => {
    const words = (text: string): string => text.replace(/\{\w+\}/g, '')
    const untranslated = [...zh].filter(([key, text]) => text === en.get(key) && /[A-Za-z]{3}/.test(words(text)))
    expect(untranslated).toEqual([])
    const withHan = [...zh.values()].filter(text => /\p{Script=Han}/u.test(text)).length
    expect(withHan / zh.size).toBeGreaterThan(0.95)
  })

  it('have a message for every key the console names', () => {
    const used = new Set<string>()
    for (const [, source] of sources) {
      for (const match of source.matchAll(/'(console\.[\w.]+)'/g)) used.add(match[1]!)
    }
    expect(used.size).toBeGreaterThan(200)
    // A group's name (`console.alertKind.other`) counts when messages sit under it.
    const missing = [...used].filter(key => !en.has(key) && ![...en.keys()].some(known => known.startsWith(`${key}.`)))
    expect(missing).toEqual([])
  })

  it('have a message for each value of the keys the console builds', () => {
    const keys = [
      ...ORDER_STATUSES.map(status => `console.orders.status.${status}`),
      ...ORDER_STATUSES.flatMap(status => nextStepOf(status) ? [`console.orders.step.${nextStepOf(status)}`] : []),
      ...BOARD_STATUSES.flatMap(status => [
        `console.orders.column.${status}`, `console.orders.columnHint.${status}`, `console.orders.emptyColumn.${status}`, `console.orders.filter.${status}`,
      ]),
      ...['none', 'waiting', 'unknown', 'paid', 'counter', 'free', 'partially_refunded', 'refunded'].map(state => `console.orders.payment.${state}`),
      ...PAYMENT_STATUSES.flatMap(status => [`console.paymentStatus.${status}`, `console.paymentExplain.${status}`]),
      ...Object.values(RefundStatusEnum).flatMap(status => [`console.refundStatus.${status}`, `console.refund.outcome.${status}.title`, `console.refund.outcome.${status}.text`]),
      ...[...Object.values(AlertKindEnum).map(kind => kind.replace(/\./g, '_')), 'other'].flatMap(kind => ['title', 'explain', 'todo'].map(part => `console.alertKind.${kind}.${part}`)),
      ...STAFF_NAV.map(item => `console.nav.${item.id}`),
      ...STAFF_ERROR_CODES.map(code => errorMessageKey(STAFF_ERRORS, code)),
      'console.errors.SERVER', 'console.errors.default',
    ]
    expect(keys.filter(key => !en.has(key))).toEqual([])
  })

  it('explain errors by code, and HTTP refusals without one by their status', () => {
    expect(errorMessageKey(STAFF_ERRORS, 'TABLE_IN_USE')).toBe('console.errors.TABLE_IN_USE')
    expect(errorMessageKey(STAFF_ERRORS, 'FST_ERR_CTP_BODY_TOO_LARGE', 413)).toBe('console.errors.IMAGE_TOO_LARGE')
    expect(errorMessageKey(STAFF_ERRORS, 'HTTP_502', 502)).toBe('console.errors.SERVER')
    expect(errorMessageKey(STAFF_ERRORS, 'SOMETHING_NEW', 409)).toBe('console.errors.default')
  })
})
