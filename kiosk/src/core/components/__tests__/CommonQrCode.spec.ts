// The QR code is drawn by the qrcode package, loaded on demand (qr-code.ts): the code arrives as SVG for its value.
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import CommonQrCode from '@/core/components/CommonQrCode.vue'
import { loadQrCode } from '@/core/components/qr-code'

describe('CommonQrCode', () => {
  it('draws the value as an SVG code once the qrcode package is loaded', async () => {
    const wrapper = mount(CommonQrCode, { props: { value: 'https://example.test/t/k3Xq9', label: 'Scan to order' } })
    await loadQrCode()
    await expect.poll(async () => {
      await flushPromises()
      return wrapper.find('svg').exists()
    }).toBe(true)
    expect(wrapper.get('[role="img"]').attributes('aria-label')).toBe('Scan to order')
    expect(wrapper.get('[role="img"]').attributes('data-qr-value')).toBe('https://example.test/t/k3Xq9')
  })

  it('loads the package once for every code drawn', () => {
    expect(loadQrCode()).toBe(loadQrCode())
  })
})
