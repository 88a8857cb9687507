// The bench's own pieces that its figures rest on: notifications it signs pass Tablepad's checks, the initial-JS
// measure reads what index.html loads, the table lines up.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { paidNotification } from '../../bench/alipay-notify.js'
import { initialJs } from '../../bench/initial-js.js'
import { loopbackAddresses } from '../../bench/http.js'
import { formatTable } from '../../bench/report.js'
import { readSettings } from '../../bench/settings.js'
import { sandboxKeyPair } from '../../sandbox/keys.js'
import { verifyNotification } from '../../src/alipay/notify.js'
import { checkNotificationBusiness } from '../../src/alipay/notify-checks.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('paidNotification', () => {
  it('is verified by Tablepad and passes its business checks, as the emulator\'s own notifications do', () => {
    const keys = sandboxKeyPair()
    const signer = { appId: '9021000000000001', sellerId: '2088000000000001', alipayPrivateKey: keys.privateKey }
    const body = paidNotification(signer, { id: 'pay_bench1', amount: 3600 }, 1)
    const verified = verifyNotification(Buffer.from(body), 'application/x-www-form-urlencoded; charset=utf-8', keys.publicKey)
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    expect(verified.notification).toMatchObject({ outTradeNo: 'pay_bench1', totalAmount: 3600, tradeStatus: 'TRADE_SUCCESS' })
    expect(checkNotificationBusiness(verified.notification, { appId: signer.appId, sellerId: signer.sellerId, amount: 3600 })).toMatchObject({ ok: true, paid: true })
  })
})

describe('initialJs', () => {
  it('adds up gzip -9 of the module entry and the modulepreloads, not the lazy chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-initial-js-'))
    dirs.push(dir)
    mkdirSync(join(dir, 'assets'))
    const files = { 'assets/index-a.js': 'console.log("entry")'.repeat(50), 'assets/vue-b.js': 'export const v = 1;'.repeat(80), 'assets/lazy-c.js': 'x'.repeat(5000) }
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    writeFileSync(join(dir, 'index.html'), '<script type="module" crossorigin src="/assets/index-a.js"></script>\n<link rel="modulepreload" crossorigin href="/assets/vue-b.js">\n<link rel="stylesheet" href="/assets/x.css">')
    const measured = initialJs(dir)
    expect(measured.files).toEqual(['/assets/index-a.js', '/assets/vue-b.js'])
    expect(measured.gzipBytes).toBe(gzipSync(files['assets/index-a.js'], { level: 9 }).length + gzipSync(files['assets/vue-b.js'], { level: 9 }).length)
  })
})

describe('loopbackAddresses', () => {
  it('gives a different 127.1.x.y address each time', () => {
    const next = loopbackAddresses()
    const addresses = Array.from({ length: 1000 }, next)
    expect(new Set(addresses).size).toBe(1000)
    for (const address of addresses) expect(address).toMatch(/^127\.1\.\d{1,3}\.\d{1,3}$/)
    expect(addresses.every(address => address.split('.').every(part => Number(part) <= 255))).toBe(true)
  })
})

describe('formatTable', () => {
  it('prints a Markdown table with every column aligned', () => {
    const table = formatTable([
      { scenario: 'a', tablepad: '1/s', baseline: '2/s', ratio: 0.5, goal: '≥ 0.6×', met: false, errors: '0 / 0' },
      { scenario: 'longer scenario', tablepad: '—', baseline: '—', ratio: null, goal: '—', met: null, errors: '—' },
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(4)
    expect(new Set(lines.map(line => line.length)).size).toBe(1)
    expect(lines[2]).toContain('0.50×')
    expect(lines[2]).toContain('NO')
  })
})

describe('readSettings', () => {
  it('runs Lighthouse with --only lighthouse, even with --quick or --no-lighthouse', () => {
    expect(readSettings(['--only', 'lighthouse'])).toMatchObject({ only: 'lighthouse', lighthouseRuns: 3 })
    expect(readSettings(['--quick', '--only', 'lighthouse'])).toMatchObject({ only: 'lighthouse', lighthouseRuns: 1 })
    expect(readSettings(['--only', 'lighthouse', '--no-lighthouse']).lighthouseRuns).toBe(3)
  })

  it('refuses a group --only does not know, and an unknown option', () => {
    expect(() => readSettings(['--only', 'everything'])).toThrow(/--only needs one of reports, payments, lighthouse/)
    expect(() => readSettings(['--fast'])).toThrow(/unknown option --fast/)
  })
})
