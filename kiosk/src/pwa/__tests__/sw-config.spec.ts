// Which navigations the service worker answers with the cached shell, and which requests are dish pictures.
import { describe, expect, it } from 'vitest'
import { isDishImage, servesAppShell } from '@/pwa/sw-config'

describe('service worker routes', () => {
  it('answers the app\'s own pages with the cached shell, with or without a query', () => {
    for (const page of ['/', '/?idle=5', '/index.html', '/staff', '/staff/pair?code=123456', '/staff/orders', '/t/AB12CD/menu', '/t/AB12CD/menu?lang=zh-CN']) {
      expect(servesAppShell(page), page).toBe(true)
    }
  })

  it('never answers the API, the sandbox, pictures or the OAuth callback with index.html', () => {
    for (const path of ['/api', '/api/menu', '/api/events?lastEventId=4', '/sandbox/', '/sandbox/scan/tok', '/media/dishes/mapo.svg', '/auth/alipay/callback?auth_code=x', '/apiary', '/unknown', '/t/', '/t/a/b', '/t/AB12CD', '/t/AB12CD?from=qr', '/t/callback?auth_code=x&state=y']) {
      expect(servesAppShell(path), path).toBe(false)
    }
  })

  it('caches same-origin dish pictures only', () => {
    const origin = 'http://tablet.test'
    expect(isDishImage(new URL('/media/dishes/mapo.svg', origin), origin)).toBe(true)
    expect(isDishImage(new URL('/media/uploads/abc.webp', origin), origin)).toBe(true)
    expect(isDishImage(new URL('/api/menu', origin), origin)).toBe(false)
    expect(isDishImage(new URL('http://cdn.test/media/dishes/mapo.svg'), origin)).toBe(false)
  })
})
