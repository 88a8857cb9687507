// The staff console's routes are not in the first bundle: the first visit under /staff fetches and adds them, and
// every console address (deep links included) then lands on its own screen.
import { afterEach, describe, expect, it } from 'vitest'
import { router } from '@/router'

afterEach(async () => {
  await router.push('/')
})

describe('router', () => {
  it('has no console routes until a console address is opened', () => {
    expect(router.hasRoute('staff-orders')).toBe(false)
    expect(router.resolve('/staff/pair').name).toBe('staff-pending')
  })

  it('opens a console deep link on its own screen', async () => {
    await router.push('/staff/payments/pay_1')
    expect(router.currentRoute.value.name).toBe('staff-payment')
    expect(router.currentRoute.value.params).toEqual({ id: 'pay_1' })
    expect(router.hasRoute('staff-pending')).toBe(false)
  })

  it('sends the bare console address to the orders, and unknown addresses to the tablet', async () => {
    await router.push('/staff')
    expect(router.currentRoute.value.name).toBe('staff-orders')
    await router.push('/nowhere')
    expect(router.currentRoute.value.name).toBe('tablet')
  })
})
