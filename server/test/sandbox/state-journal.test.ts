// The emulator's state file is a journal: each change appends a line the size of that change (never
// a rewrite of every trade), a restart replays it and compacts it to one snapshot line.
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadState, StateJournal, type SandboxState } from '../../sandbox/state-file.js'
import type { Trade } from '../../sandbox/trades.js'
import { callGateway, outTradeNo, startSandbox, cleanedAfterEach } from './helpers.js'

const { running, stateFileIn } = cleanedAfterEach()
const stateFile = (): string => stateFileIn('sandbox-journal-', 'state.json')

const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(line => line !== '')

function trade (no: string, state: Trade['state']): Trade {
  return { outTradeNo: no, kind: 'precreate', state, amount: 100, subject: 's', sellerId: '2088102177640001', fingerprint: no, charset: 'utf-8', encoding: 'utf-8', signType: 'RSA2', createdAt: 1, deadline: 2, refunds: [] }
}

describe('the state journal', () => {
  it('appends one line per changed trade, the same size whatever the number of trades', async () => {
    const file = stateFile()
    const sandbox = await startSandbox({ stateFile: file })
    running.push(sandbox)
    expect(lines(file)).toHaveLength(1)
    const growth: number[] = []
    for (let i = 0; i < 30; i++) {
      const before = statSync(file).size
      await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: outTradeNo(), total_amount: '6.00', subject: 'Soup' })
      growth.push(statSync(file).size - before)
    }
    expect(lines(file)).toHaveLength(31)
    // The 30th trade costs what the 1st did (ids may differ in length by a few bytes).
    expect(Math.abs(growth[29]! - growth[0]!)).toBeLessThan(16)
  })

  it('replays changes over the snapshot (the newest version of a trade wins) and compacts on start', () => {
    const file = stateFile()
    const state: SandboxState = { trades: [trade('A', 'QR_ONLY')], locked: [], openIds: [] }
    const journal = new StateJournal(file, () => state)
    journal.append([{ trade: trade('A', 'WAIT_BUYER_PAY') }, { trade: trade('B', 'QR_ONLY') }])
    journal.append([{ trade: trade('A', 'TRADE_SUCCESS') }, { locked: 'C' }, { openId: ['open-1', 'user-1'] }])
    journal.close()
    const loaded = loadState(file)!
    expect(loaded.trades.map(t => [t.outTradeNo, t.state])).toEqual([['A', 'TRADE_SUCCESS'], ['B', 'QR_ONLY']])
    expect(loaded.locked).toEqual(['C'])
    expect(loaded.openIds).toEqual([['open-1', 'user-1']])

    const reopened = new StateJournal(file, () => loaded)
    reopened.close()
    expect(lines(file)).toHaveLength(1)
    expect(loadState(file)).toEqual(loaded)
  })

  it('drops a last line cut short by a crash, but refuses damage anywhere else', () => {
    const file = stateFile()
    const journal = new StateJournal(file, () => ({ trades: [], locked: [], openIds: [] }))
    journal.append([{ trade: trade('A', 'QR_ONLY') }])
    journal.close()
    appendFileSync(file, '{"trade":{"outTradeNo":"B","st')
    expect(loadState(file)!.trades.map(t => t.outTradeNo)).toEqual(['A'])
    appendFileSync(file, '\n{"trade":{"outTradeNo":"C"}}\n')
    expect(() => loadState(file)).toThrow(/not a sandbox state file/)
  })

  it('reads a whole-file save of the earlier format', () => {
    const file = stateFile()
    writeFileSync(file, JSON.stringify({ version: 1, trades: [trade('A', 'LOCKED')], locked: ['B'], openIds: [['o', 'u']] }))
    expect(loadState(file)).toEqual({ trades: [trade('A', 'LOCKED')], locked: ['B'], openIds: [['o', 'u']] })
  })
})
