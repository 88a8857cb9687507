// Alipay Global without an Open Platform app: diners' phones cannot sign in (oauth.token is an Open Platform call),
// so the tablet offers no phone link and the table's link asks diners, in their language, to order at the table.
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../helper.js'
import { loginStaff, pairedTablet } from '../auth-helpers.js'

const GLOBAL_WITHOUT_APP = {
  ALIPAY_MODE: 'production', ALIPAY_PROTOCOL: 'global', STORE_CURRENCY: 'HKD', DEMO_SEED: 'false',
  ALIPAY_PARTNER_ID: '2088101122136241', ALIPAY_MD5_KEY: '0123456789abcdef0123456789abcdef',
}
const ALIPAY_UA = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 AlipayClient/10.5.30.6000'

describe('phone ordering under Alipay Global without an Open Platform app', () => {
  it('gives the tablet no phone link, and the table link a plain page instead of a sign-in', async () => {
    const app = await buildTestApp(GLOBAL_WITHOUT_APP)
    const tablet = await pairedTablet(app, await loginStaff(app))
    const me = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(me.json().table).toEqual({ id: tablet.table.id, label: tablet.table.label })

    for (const [language, title] of [['en', 'Please order at the table'], ['zh-CN', '请在餐桌上点餐']] as const) {
      const page = await app.inject({ method: 'GET', url: `/t/${tablet.table.code}`, headers: { 'user-agent': ALIPAY_UA, 'accept-language': language } })
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('data-page="phone-ordering-off"')
      expect(page.body).toContain(title)
      // No redirect to Alipay's authorization page: there is no app to sign in with.
      expect(page.headers.location).toBeUndefined()
    }
  })

  it('offers the phone link again once the Open Platform app is configured', async () => {
    const app = await buildTestApp({ ...GLOBAL_WITHOUT_APP, ALIPAY_APP_ID: '2021000000000001', ...rsaKeys() })
    const tablet = await pairedTablet(app, await loginStaff(app))
    const me = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(me.json().table).toMatchObject({ code: tablet.table.code, phoneUrl: `http://127.0.0.1:8080/t/${tablet.table.code}` })
  })
})

/** A merchant key pair and an "Alipay" public key, as PEM (only parsed here, never used to call anyone). */
function rsaKeys (): { ALIPAY_PRIVATE_KEY: string, ALIPAY_PUBLIC_KEY: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    ALIPAY_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ALIPAY_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}
