// Faults at the emulator while tablets work: random phases drawn from the fault rate, and short
// Alipay "outages" (queries and cancels fail, notifications are lost) that a diner paying twice asks for.
import type { SandboxFaultsInput } from '../sandbox/options.js'
import type { EmulatorClient } from './emulator-client.js'
import type { Random } from './random.js'

/**
 * The only way an order can be paid twice is that the server cannot learn of the first payment
 * (no notification, queries failing) and cannot cancel the first QR: exactly this.
 */
const OUTAGE: SandboxFaultsInput = {
  methods: ['alipay.trade.query', 'alipay.trade.cancel', 'alipay.trade.close'],
  // Rates are spread evenly over calls (faults.ts): only a rate of 1 fails the very first call too.
  systemErrorRate: 1,
  notify: { drop: true },
}

export interface FaultStats {
  phases: number
  calmPhases: number
  outages: number
}

export class FaultSchedule {
  readonly stats: FaultStats = { phases: 0, calmPhases: 0, outages: 0 }
  private outageHolders = 0
  private timer: NodeJS.Timeout | null = null
  private stopped = true
  private applying: Promise<unknown> = Promise.resolve()

  constructor (private readonly emulator: EmulatorClient, private readonly random: Random, private readonly rate: number) {}

  /** A random phase drawn from the rate: the three gateway faults share it, notifications misbehave too. */
  private phase (): SandboxFaultsInput | undefined {
    const r = this.random
    if (this.rate <= 0 || r.chance(0.2)) return undefined
    const weights = [r.next(), r.next(), r.next()]
    const sum = weights[0]! + weights[1]! + weights[2]!
    const share = (w: number): number => Math.min(1, this.rate * w / sum)
    return {
      timeoutRate: share(weights[0]!),
      systemErrorRate: share(weights[1]!),
      unavailableRate: share(weights[2]!),
      latencyMs: r.chance(0.3) ? r.int(20, 400) : 0,
      notify: {
        drop: r.chance(Math.min(1, this.rate * 3)),
        duplicate: r.chance(0.3),
        delayMs: r.chance(0.2) ? r.int(100, 3000) : 0,
        reorder: r.chance(0.2),
        badSignature: r.chance(Math.min(1, this.rate * 2)),
      },
    }
  }

  private apply (faults: SandboxFaultsInput | undefined): Promise<unknown> {
    // One change at a time, in order; a failed change is retried by the next phase.
    this.applying = this.applying.then(() => this.emulator.setFaults(faults))
    return this.applying
  }

  start (): void {
    this.stopped = false
    const next = (): void => {
      if (this.stopped) return
      if (this.outageHolders === 0) {
        const faults = this.phase()
        this.stats.phases++
        if (faults === undefined) this.stats.calmPhases++
        void this.apply(faults)
      }
      this.timer = setTimeout(next, this.random.int(1000, 3000))
    }
    next()
  }

  /** No more faults: what is left must settle on a healthy Alipay. */
  async stop (): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.apply(undefined)
  }

  /** Runs `step` during an outage (shared with any other diner's); without faults it just runs it. */
  async duringOutage<T> (step: () => Promise<T>): Promise<T> {
    if (this.rate <= 0 || this.stopped) return step()
    this.outageHolders++
    if (this.outageHolders === 1) {
      this.stats.outages++
      await this.apply(OUTAGE)
    } else {
      await this.applying
    }
    try {
      return await step()
    } finally {
      this.outageHolders--
      if (this.outageHolders === 0 && !this.stopped) await this.apply(this.phase())
    }
  }
}
