// What the drill does at the emulator: set faults, read its ledger of trades, and act as a diner's phone.
import type { SandboxFaultsInput } from '../sandbox/options.js'
import { jsonOf, send } from './http-client.js'

/** A trade as the emulator's admin route describes it (amounts are Alipay strings, "12.50"). */
export interface LedgerTrade {
  outTradeNo: string
  tradeNo: string | null
  state: 'QR_ONLY' | 'LOCKED' | 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED' | 'TRADE_FINISHED'
  totalAmount: string
  refundFee: string
}

export type DinerOutcome = 'paid' | 'refused' | 'unreachable'

export class EmulatorClient {
  constructor (readonly baseUrl: string) {}

  async setFaults (faults: SandboxFaultsInput | undefined): Promise<boolean> {
    const result = faults === undefined
      ? await send({ method: 'DELETE', url: `${this.baseUrl}/sandbox/faults` })
      : await send({ method: 'POST', url: `${this.baseUrl}/sandbox/faults`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })
    return result.ok && result.status === 200
  }

  async trades (): Promise<LedgerTrade[]> {
    const result = await send({ method: 'GET', url: `${this.baseUrl}/sandbox/trades`, timeoutMs: 30_000 })
    const trades = jsonOf<LedgerTrade[]>(result)
    if (!result.ok || result.status !== 200 || !Array.isArray(trades)) throw new Error('could not read the emulator ledger')
    return trades
  }

  /** Opening the QR link: the scan that makes Alipay hold a trade for this buyer. */
  async scan (qrCode: string): Promise<boolean> {
    const result = await send({ method: 'GET', url: qrCode })
    return result.ok && result.status === 200
  }

  /** The Pay button on the scanned page: 200 when the trade is (now) paid. */
  async pay (qrCode: string): Promise<DinerOutcome> {
    if (!await this.scan(qrCode)) return 'refused'
    const result = await send({ method: 'POST', url: `${qrCode}/pay` })
    if (!result.ok) return 'unreachable'
    return result.status === 200 ? 'paid' : 'refused'
  }

  /** The Decline button: Alipay keeps the trade waiting until the merchant cancels it. */
  async decline (qrCode: string): Promise<boolean> {
    if (!await this.scan(qrCode)) return false
    const result = await send({ method: 'POST', url: `${qrCode}/decline` })
    return result.ok && result.status === 200
  }
}

/** Fen from an Alipay amount string. */
export function fen (amount: string): number {
  const [whole, fraction = ''] = amount.split('.')
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2))
}

/** Whether money moved for this trade at some point (a fully refunded trade ends TRADE_CLOSED with its refunds). */
export function wasPaid (trade: LedgerTrade): boolean {
  return trade.state === 'TRADE_SUCCESS' || trade.state === 'TRADE_FINISHED' || fen(trade.refundFee) > 0
}
