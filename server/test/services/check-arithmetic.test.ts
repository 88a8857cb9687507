// The check's money in fen: splits, applications and the ledger never lose or invent a fen.
import { describe, expect, it } from 'vitest'
import { applyPayment, computeLedger, coverableOrders, nextSplitPart, splitPart, type LedgerOrder } from '../../src/services/check-arithmetic.js'

/** A small deterministic generator, so a failure names the case that broke. */
function random (seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('even split', () => {
  it('gives floor(base/parts) and the last part the remainder', () => {
    expect([0, 1, 2].map(index => splitPart(1000, 3, index))).toEqual([333, 333, 334])
    expect([0, 1].map(index => splitPart(1001, 2, index))).toEqual([500, 501])
  })

  it('adds up to the base exactly for many dues and part counts', () => {
    const next = random(7)
    for (let run = 0; run < 5000; run++) {
      const parts = 2 + Math.floor(next() * 19)
      const base = parts + Math.floor(next() * 10_000_000)
      const taken: number[] = []
      while (taken.length < parts) taken.push(nextSplitPart(base, parts, taken))
      expect(taken.reduce((sum, part) => sum + part, 0)).toBe(base)
      expect(Math.min(...taken)).toBeGreaterThan(0)
      // Never more than one fen per part apart from the even share.
      expect(Math.max(...taken) - Math.min(...taken)).toBeLessThan(parts)
      taken.forEach((part, index) => expect(part).toBe(splitPart(base, parts, index)))
    }
  })
})

describe('applying a paid amount', () => {
  it('settles the orders it was for first, then the oldest owing, and returns the rest as excess', () => {
    const dues = new Map([['a', 500], ['b', 300], ['c', 200]])
    expect(applyPayment(600, ['b'], ['a', 'c'], dues)).toEqual({ covers: [{ orderId: 'b', amount: 300 }, { orderId: 'a', amount: 300 }], excess: 0 })
    expect(applyPayment(1200, ['a', 'b', 'c'], [], dues)).toEqual({ covers: [{ orderId: 'a', amount: 500 }, { orderId: 'b', amount: 300 }, { orderId: 'c', amount: 200 }], excess: 200 })
  })

  it('never loses or adds a fen', () => {
    const next = random(11)
    for (let run = 0; run < 3000; run++) {
      const dues = new Map(Array.from({ length: 1 + Math.floor(next() * 6) }, (_, index): [string, number] => [`o${index}`, Math.floor(next() * 50_000)]))
      const ids = [...dues.keys()]
      const amount = 1 + Math.floor(next() * 200_000)
      const { covers, excess } = applyPayment(amount, ids.slice(0, 2), ids.slice(2), dues)
      expect(covers.reduce((sum, cover) => sum + cover.amount, 0) + excess).toBe(amount)
      for (const cover of covers) expect(cover.amount).toBeLessThanOrEqual(dues.get(cover.orderId)!)
      const owed = [...dues.values()].reduce((sum, due) => sum + due, 0)
      expect(excess).toBe(Math.max(0, amount - owed))
    }
  })
})

describe('the ledger', () => {
  const orders: LedgerOrder[] = [
    { id: 'a', total: 1000, status: 'placed', dinerId: null },
    { id: 'b', total: 500, status: 'placed', dinerId: 'din_1' },
    { id: 'c', total: 300, status: 'cancelled', dinerId: 'din_1' },
  ]

  it('counts what paid check payments applied, what open ones hold, and leaves out cancelled orders', () => {
    const ledger = computeLedger('tab', orders, [
      { id: 'p1', orderId: null, status: 'paid', amount: 400 },
      { id: 'p2', orderId: null, status: 'waiting', amount: 500 },
      { id: 'p3', orderId: null, status: 'cancelled', amount: 1000 },
    ], [
      { paymentId: 'p1', orderId: 'a', amount: 400 },
      { paymentId: 'p2', orderId: 'b', amount: 500 },
      { paymentId: 'p3', orderId: 'a', amount: 1000 },
    ])
    expect(ledger).toMatchObject({ total: 1500, due: 1100, paid: 400, pending: 500 })
    expect([...ledger.held]).toEqual(['b'])
    expect(Object.fromEntries(ledger.dueByOrder)).toEqual({ a: 600, b: 500, c: 0 })
    // "mine" of diner 1: order b is held by the open payment, so nothing; the tablet's own: what a still owes.
    expect(coverableOrders(ledger, orders, { dinerId: 'din_1' })).toEqual([])
    expect(coverableOrders(ledger, orders, { dinerId: null })).toEqual([{ paymentId: '', orderId: 'a', amount: 600 }])
  })

  it('in pay-first, an order past placed owes nothing (paid at the counter or by its own QR)', () => {
    const ledger = computeLedger('pay-first', [{ ...orders[0]!, status: 'preparing' }, orders[1]!], [], [])
    expect(ledger).toMatchObject({ total: 1500, due: 500, paid: 1000, pending: 0 })
    // The same order in a tab is only settled by a payment.
    expect(computeLedger('tab', [{ ...orders[0]!, status: 'preparing' }, orders[1]!], [], []).due).toBe(1500)
  })
})
