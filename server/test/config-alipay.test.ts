// ALIPAY_PROTOCOL and Alipay Global's variables: what each protocol needs, and one clear line per mistake.
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { phoneOrderingAvailable } from '../src/config-alipay.js'
import { configFailure } from './helper.js'

const MD5_KEY = 'a'.repeat(16) + '0123456789abcdef'
const GLOBAL = { ALIPAY_MODE: 'production', ALIPAY_PROTOCOL: 'global', ALIPAY_PARTNER_ID: '2088101122136241', ALIPAY_MD5_KEY: MD5_KEY }


describe('ALIPAY_PROTOCOL', () => {
  it('is the Open Platform in CNY unless told otherwise', () => {
    const { alipay, store } = loadConfig({})
    expect(alipay.protocol).toBe('openapi')
    expect(alipay.signType).toBe('RSA2')
    expect(store.currency).toBe('CNY')
  })

  it('global in production: the MAPI gateway, MD5 by default, the identity sent on trades', () => {
    const { alipay } = loadConfig({
      ...GLOBAL,
      STORE_CURRENCY: 'HKD',
      ALIPAY_SETTLEMENT_CURRENCY: 'USD',
      ALIPAY_SECONDARY_MERCHANT_ID: 'LOTUS-01',
      ALIPAY_SECONDARY_MERCHANT_NAME: 'Lotus Garden',
      ALIPAY_STORE_ID: 'HK-CENTRAL-1',
      ALIPAY_STORE_NAME: 'Lotus Garden Central',
    })
    expect(alipay).toMatchObject({
      protocol: 'global',
      gateway: 'https://mapi.alipay.com/gateway.do',
      openApiGateway: 'https://openapi.alipay.com/gateway.do',
      signType: 'MD5',
      appId: null,
      global: {
        partnerId: '2088101122136241', md5Key: MD5_KEY, settlementCurrency: 'USD',
        secondaryMerchantId: 'LOTUS-01', secondaryMerchantName: 'Lotus Garden', storeId: 'HK-CENTRAL-1', storeName: 'Lotus Garden Central',
      },
    })
    // No Open Platform app: diners order at the tablet only.
    expect(phoneOrderingAvailable(alipay)).toBe(false)
  })

  it('global takes the sandbox gateway in alipay-sandbox, and ALIPAY_GATEWAY overrides only the MAPI one', () => {
    expect(loadConfig({ ...GLOBAL, ALIPAY_MODE: 'alipay-sandbox' }).alipay.gateway).toBe('https://mapi.alipaydev.com/gateway.do')
    const { alipay } = loadConfig({ ...GLOBAL, ALIPAY_GATEWAY: 'https://intlmapi.alipay.com/gateway.do' })
    expect(alipay.gateway).toBe('https://intlmapi.alipay.com/gateway.do')
    expect(alipay.openApiGateway).toBe('https://openapi.alipay.com/gateway.do')
  })

  it('global with an Open Platform app turns the phone flow on, and needs the app\'s keys', () => {
    const withApp = { ...GLOBAL, ALIPAY_APP_ID: '2021000000000001' }
    expect(configFailure(withApp).variable).toBe('ALIPAY_PRIVATE_KEY')
    const { alipay } = loadConfig({ ...withApp, ALIPAY_PRIVATE_KEY: 'private', ALIPAY_PUBLIC_KEY: 'public' })
    expect(phoneOrderingAvailable(alipay)).toBe(true)
  })

  it('the built-in emulator needs nothing for either protocol and always offers the phone flow', () => {
    const { alipay } = loadConfig({ ALIPAY_PROTOCOL: 'global', STORE_CURRENCY: 'JPY' })
    expect(alipay).toMatchObject({ mode: 'sandbox-local', protocol: 'global', signType: 'MD5', gateway: null })
    expect(phoneOrderingAvailable(alipay)).toBe(true)
  })

  it.each([
    ['ALIPAY_PROTOCOL', { ALIPAY_PROTOCOL: 'mapi' }, 'must be one of openapi, global'],
    ['STORE_CURRENCY', { STORE_CURRENCY: 'JPY' }, 'JPY needs ALIPAY_PROTOCOL=global'],
    ['STORE_CURRENCY', { STORE_CURRENCY: 'toString', ALIPAY_PROTOCOL: 'global' }, 'must be one of CNY, HKD'],
    ['ALIPAY_SIGN_TYPE', { ALIPAY_SIGN_TYPE: 'MD5' }, 'MD5 is only for ALIPAY_PROTOCOL=global'],
    ['ALIPAY_PARTNER_ID', { ...GLOBAL, ALIPAY_PARTNER_ID: '' }, 'is required when ALIPAY_MODE=production'],
    ['ALIPAY_PARTNER_ID', { ...GLOBAL, ALIPAY_PARTNER_ID: '1234' }, 'partner id starting with 2088'],
    ['ALIPAY_MD5_KEY', { ...GLOBAL, ALIPAY_MD5_KEY: '' }, 'is required with ALIPAY_SIGN_TYPE=MD5'],
    ['ALIPAY_MD5_KEY', { ...GLOBAL, ALIPAY_MD5_KEY: 'short' }, 'must be the 32-character MD5 key'],
    ['ALIPAY_PRIVATE_KEY', { ...GLOBAL, ALIPAY_SIGN_TYPE: 'RSA2' }, 'is required with ALIPAY_SIGN_TYPE=RSA2'],
    ['ALIPAY_SETTLEMENT_CURRENCY', { ...GLOBAL, ALIPAY_SETTLEMENT_CURRENCY: 'usd' }, 'ISO 4217'],
    ['ALIPAY_STORE_NAME', { ...GLOBAL, ALIPAY_STORE_NAME: 'x'.repeat(129) }, 'at most 128 characters'],
  ])('refuses a bad %s with one line naming it', (variable, env, message) => {
    const error = configFailure(env)
    expect(error.variable).toBe(variable)
    expect(error.message).toContain(message)
  })
})
