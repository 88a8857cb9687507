// The failure drill in its short form: tablets, an Alipay emulator with faults, a killed server, and a
// server that dies right after committing a double payment — nothing lost, the extra refunded.
import { describe, expect, it } from 'vitest'
import { figure, runDrill } from './run-drill.js'

describe('npm run drill (short form)', () => {
  it('loses no order and no payment across faults, a SIGKILL and the double-payment crash window', async () => {
    // Seed 2 gives three of the six diners a double payment, so the crash point is reached.
    const { code, output } = await runDrill('server/drill/run.ts', [
      '--quick', '--tablets', '6', '--kills', '1', '--fault-rate', '0.1', '--seed', '2', '--crash-point', 'after-double-payment-commit',
    ])
    expect(output).toContain('PASS: nothing lost')
    expect(code).toBe(0)
    expect(figure(output, 'orders answered / stored')).toBe('6 / 6')
    expect(figure(output, 'server kills (SIGKILL) / crash point')).toMatch(/^1 \/ after-double-payment-commit \(reached 1×\)$/)
    const [paid, reflected] = figure(output, 'trades paid (Alipay) / reflected as paid payments')!.split(' / ').map(Number)
    expect(paid).toBeGreaterThan(0)
    expect(reflected).toBe(paid)
    expect(Number(figure(output, 'orders paid twice, extra refunded'))).toBeGreaterThan(0)
    expect(figure(output, 'orders paid twice, not refunded')).toBe('0')
    expect(figure(output, 'payments not settled')).toBe('0')
    expect(figure(output, 'refunds open')).toBe('0')
  }, 150_000)
})
