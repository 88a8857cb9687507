// Inside the Alipay app or not: decides whether /t/:code sends the phone to Alipay's authorization page.
import { describe, expect, it } from 'vitest'
import { isAlipayClient } from '../../src/lib/alipay-user-agent.js'

const ANDROID_ALIPAY = 'Mozilla/5.0 (Linux; U; Android 13; zh-CN; V2199A Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 UCBS/3.22.2.59_230817112843 NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.5.36.8000) AlipayClient/10.5.36.8000 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CNAriver/1.0.0'
const IPHONE_ALIPAY = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.5.30.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.5.30.6000 Language/en Region/CN NebulaX/1.0.0'

describe('isAlipayClient', () => {
  it('recognises the Alipay app on Android and iPhone, in any language', () => {
    expect(isAlipayClient(ANDROID_ALIPAY)).toBe(true)
    expect(isAlipayClient(IPHONE_ALIPAY)).toBe(true)
    expect(isAlipayClient('Mozilla/5.0 AlipayClient')).toBe(true)
  })

  it('does not take other browsers and wallets for Alipay', () => {
    expect(isAlipayClient(undefined)).toBe(false)
    expect(isAlipayClient('')).toBe(false)
    expect(isAlipayClient('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1')).toBe(false)
    expect(isAlipayClient('Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002851) WeChat/arm64')).toBe(false)
    // The Hong Kong wallet is another app whose authorization page does not serve mainland apps.
    expect(isAlipayClient('Mozilla/5.0 (iPhone) AlipayClientHK/10.5.0')).toBe(false)
    expect(isAlipayClient('Mozilla/5.0 NotAlipayClientAtAll')).toBe(false)
  })

  it('does not scan an oversized header', () => {
    expect(isAlipayClient(`${'x'.repeat(5000)} AlipayClient/10.5.36`)).toBe(false)
  })
})
