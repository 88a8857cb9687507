// The phone page's address: /t/<code>/menu is the app's; /t/<code> itself is the server's entry (Alipay authorization).
import { afterEach, describe, expect, it } from 'vitest'
import { router } from '@/router'

afterEach(async () => {
  await router.push('/')
})

describe('phone route', () => {
  it('opens the phone page at /t/<code>/menu with the table code', () => {
    const route = router.resolve('/t/AB12CD/menu')
    expect(route.name).toBe('phone')
    expect(route.params).toEqual({ code: 'AB12CD' })
  })

  it('leaves /t/<code> to the server', () => {
    expect(router.resolve('/t/AB12CD').name).not.toBe('phone')
  })
})
