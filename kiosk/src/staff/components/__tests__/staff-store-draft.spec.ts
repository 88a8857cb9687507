// What the store dialog sends: a new store only with the settings typed (the rest follow the server's environment),
// a change only with what differs, and an Alipay app all at once or not at all.
import { describe, expect, it } from 'vitest'
import type { Store } from '@shared/schemas/store'
import { alipayValid, createBody, draftOf, slugValid, timezoneValid, updateBody } from '../staff-store-draft'

const EAST: Store = {
  id: 'str_east',
  slug: 'lotus-east',
  name: 'Lotus East',
  currency: 'CNY',
  timezone: 'Asia/Shanghai',
  paymentMode: 'pay-first',
  alipay: { configured: true, appId: '2021000000000001', mode: 'sandbox-local' },
}

describe('store drafts', () => {
  it('send a new store with only what was typed', () => {
    const draft = { ...draftOf(null), slug: ' lotus-west ', name: ' Lotus West ' }
    expect(createBody(draft)).toEqual({ slug: 'lotus-west', name: 'Lotus West' })
    expect(createBody({ ...draft, currency: 'HKD', timezone: 'Asia/Hong_Kong', paymentMode: 'tab' }))
      .toEqual({ slug: 'lotus-west', name: 'Lotus West', currency: 'HKD', timezone: 'Asia/Hong_Kong', paymentMode: 'tab' })
  })

  it('start a change from the store as it is, with its keys never filled in', () => {
    const draft = draftOf(EAST)
    expect(draft).toMatchObject({ name: 'Lotus East', currency: 'CNY', timezone: 'Asia/Shanghai', paymentMode: 'pay-first' })
    expect([draft.appId, draft.privateKey, draft.alipayPublicKey]).toEqual(['', '', ''])
    expect(updateBody(EAST, draft)).toEqual({})
  })

  it('send a change with only what differs', () => {
    const draft = { ...draftOf(EAST), name: 'Lotus East (Mall)', paymentMode: 'tab' as const }
    expect(updateBody(EAST, draft)).toEqual({ name: 'Lotus East (Mall)', paymentMode: 'tab' })
    expect(updateBody(EAST, { ...draftOf(EAST), dropAlipay: true })).toEqual({ alipay: null })
  })

  it('take an Alipay app whole: a 16-digit app id with both keys, or nothing', () => {
    const keys = { appId: '2021000000000002', privateKey: 'MIIEv…', alipayPublicKey: 'MIIBI…' }
    expect(alipayValid(draftOf(EAST))).toBe(true)
    expect(alipayValid({ ...draftOf(EAST), ...keys })).toBe(true)
    expect(alipayValid({ ...draftOf(EAST), ...keys, alipayPublicKey: ' ' })).toBe(false)
    expect(alipayValid({ ...draftOf(EAST), ...keys, appId: '2021' })).toBe(false)
    expect(updateBody(EAST, { ...draftOf(EAST), ...keys })).toEqual({ alipay: keys })
  })

  it('check short names and time zones as the server does', () => {
    expect(['lotus-east', 'l2', '9-dragons'].every(slugValid)).toBe(true)
    expect(['L', 'Lotus-East', '-east', 'lotus east', 'x'.repeat(40)].some(slugValid)).toBe(false)
    expect(['', 'Asia/Shanghai', 'Europe/Paris'].every(timezoneValid)).toBe(true)
    expect(timezoneValid('Mars/Olympus')).toBe(false)
  })
})
