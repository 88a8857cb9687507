// A store's settings: its own (sealed) over the environment's, field by field, held to the environment's rules.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { seal } from '../../src/lib/secrets.js'
import { resolveStoreSettings, StoreSettingsError, type SealedStoreSettings } from '../../src/stores/store-settings.js'

const key = randomBytes(32)
const config = loadConfig({ STORE_NAME: 'Lotus Garden', STORE_CURRENCY: 'CNY', STORE_TIMEZONE: 'Asia/Shanghai', PAYMENT_MODE: 'tab', ALIPAY_PROTOCOL: 'global' })

function row (id: string, own: SealedStoreSettings | null, name = 'Harbour Branch') {
  return { id, slug: `${id}-slug`, name, sealed_settings: own === null ? null : seal(key, JSON.stringify(own), id) }
}

describe('resolveStoreSettings', () => {
  it('runs the default store (nameless, nothing sealed) on the environment', () => {
    expect(resolveStoreSettings({ id: 'default', slug: 'default', name: '', sealed_settings: null }, config, null)).toEqual({
      id: 'default',
      slug: 'default',
      name: 'Lotus Garden',
      currency: 'CNY',
      timezone: 'Asia/Shanghai',
      paymentMode: 'tab',
      alipay: config.alipay,
      ownAlipay: false,
    })
  })

  it('takes each sealed field over the environment and keeps the environment for the rest', () => {
    const settings = resolveStoreSettings(row('b', { currency: 'HKD', timezone: 'Asia/Hong_Kong', alipay: { appId: '2021000000000002' } }), config, key)
    expect(settings).toMatchObject({ name: 'Harbour Branch', currency: 'HKD', timezone: 'Asia/Hong_Kong', paymentMode: 'tab' })
    expect(settings.alipay).toEqual({ ...config.alipay, appId: '2021000000000002' })
    expect(settings.ownAlipay).toBe(true)
  })

  it('gives a store with an Alipay app of its own no seller id but its own: the account\'s fields are one unit', () => {
    const chain = loadConfig({ ALIPAY_PROTOCOL: 'openapi', ALIPAY_SELLER_ID: '2088000000000001' })
    expect(chain.alipay.sellerId).toBe('2088000000000001')
    const ownApp = resolveStoreSettings(row('s1', { alipay: { appId: '2021000000000002' } }), chain, key)
    expect(ownApp.alipay).toMatchObject({ appId: '2021000000000002', sellerId: null })
    const ownSeller = resolveStoreSettings(row('s2', { alipay: { appId: '2021000000000002', sellerId: '2088000000000002' } }), chain, key)
    expect(ownSeller.alipay.sellerId).toBe('2088000000000002')
    // A store on the chain's account keeps the chain's seller.
    expect(resolveStoreSettings(row('s3', { timezone: 'Asia/Hong_Kong' }), chain, key).alipay.sellerId).toBe('2088000000000001')
  })

  it('merges a store\'s own Alipay Global fields over the environment\'s', () => {
    const settings = resolveStoreSettings(row('c', { alipay: { global: { partnerId: '2088000000000009' } as never } }), config, key)
    expect(settings.alipay.global).toEqual({ ...config.alipay.global, partnerId: '2088000000000009' })
  })

  it.each([
    ['currency', { currency: 'XYZ' }],
    ['timezone', { timezone: 'Mars/Olympus' }],
    ['paymentMode', { paymentMode: 'later' as never }],
  ])('refuses a sealed %s the environment would refuse, naming the store and the field', (field, own) => {
    expect(() => resolveStoreSettings(row('d', own), config, key)).toThrow(StoreSettingsError)
    expect(() => resolveStoreSettings(row('d', own), config, key)).toThrow(new RegExp(`store "d-slug": ${field} `))
  })

  it('refuses a currency the Open Platform cannot take, as STORE_CURRENCY is refused', () => {
    const openapi = loadConfig({ ALIPAY_PROTOCOL: 'openapi' })
    expect(() => resolveStoreSettings(row('e', { currency: 'HKD' }), openapi, key)).toThrow(/currency HKD needs ALIPAY_PROTOCOL=global/)
  })

  it('fails to load a store with sealed settings when SECRETS_KEY is not set, or is another key', () => {
    expect(() => resolveStoreSettings(row('f', { currency: 'HKD' }), config, null)).toThrow(/SECRETS_KEY is not set/)
    expect(() => resolveStoreSettings(row('f', { currency: 'HKD' }), config, randomBytes(32))).toThrow(/do not open/)
  })

  it('does not open one store\'s sealed settings on another store\'s row', () => {
    const sealed = row('g', { currency: 'HKD' }).sealed_settings
    expect(() => resolveStoreSettings({ ...row('h', null), sealed_settings: sealed }, config, key)).toThrow(/do not open/)
  })
})
