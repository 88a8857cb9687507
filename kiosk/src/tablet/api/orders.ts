// Order and payment endpoints of the tablet.
import type { CreateOrder, Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import type { PricingProblem } from '@shared/pricing'
import { isApiError, request } from '@/core/api/client'

/** 201 for a new order, 200 with the same order for a repeated `clientOrderId`. */
export function createOrder (body: CreateOrder): Promise<Order> {
  return request('POST', '/api/orders', { body })
}

export function getOrder (id: string): Promise<Order> {
  return request('GET', `/api/orders/${encodeURIComponent(id)}`)
}

/** The order's open waiting payment if there is one, otherwise a new Alipay QR trade. */
export function createPayment (orderId: string): Promise<Payment> {
  return request('POST', `/api/orders/${encodeURIComponent(orderId)}/payments`, { body: { method: 'alipay_qr' } })
}

export function getPayment (id: string): Promise<Payment> {
  return request('GET', `/api/payments/${encodeURIComponent(id)}`)
}

export function cancelPayment (id: string): Promise<Payment> {
  return request('POST', `/api/payments/${encodeURIComponent(id)}/cancel`, { body: {} })
}

/**
 * Gives up an unpaid order the diner left behind (the tablet was reset, or the cart changed after its payment was
 * given up): the server cancels it at once instead of leaving it "Not paid" on the board until its sweep.
 */
export function abandonOrder (id: string): Promise<Order> {
  return request('POST', `/api/orders/${encodeURIComponent(id)}/abandon`, { body: {} })
}

/** The dishes a 422 refusal of an order names (`details.problems`), or none. */
export function pricingProblemsOf (error: unknown): PricingProblem[] {
  if (!isApiError(error) || error.status !== 422) return []
  const details = error.details as { problems?: unknown } | undefined
  return Array.isArray(details?.problems) ? details.problems as PricingProblem[] : []
}
