// The order and payment endpoints the phone uses, with the diner's session cookie (same-origin fetch).
import type { PricingProblem } from '@shared/pricing'
import type { CreateOrder, Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { isApiError, request } from '@/core/api/client'

/** 201 for a new order, 200 with the same order for a repeated `clientOrderId`; it joins the table's check. */
export function createOrder (body: CreateOrder): Promise<Order> {
  return request('POST', '/api/orders', { body })
}

export function getPayment (id: string): Promise<Payment> {
  return request('GET', `/api/payments/${encodeURIComponent(id)}`)
}

/** Ends a payment the diner abandoned, so what it held on the check can be paid again. */
export function cancelPayment (id: string): Promise<Payment> {
  return request('POST', `/api/payments/${encodeURIComponent(id)}/cancel`, { body: {} })
}

/** The dishes a 422 refusal of an order names (`details.problems`), or none. */
export function pricingProblemsOf (error: unknown): PricingProblem[] {
  if (!isApiError(error) || error.status !== 422) return []
  const details = error.details as { problems?: unknown } | undefined
  return Array.isArray(details?.problems) ? details.problems as PricingProblem[] : []
}
