// The faults in force, and a deterministic choice of which gateway calls they hit.
import { resolveFaults, type SandboxFaults, type SandboxFaultsInput } from './options.js'

export type GatewayFault = 'timeout' | 'unavailable' | 'system-error'
type RateKind = 'timeout' | 'unavailable' | 'systemError'
const zeroSums = (): Record<RateKind, number> => ({ timeout: 0, unavailable: 0, systemError: 0 })

/**
 * Rates are spread evenly instead of drawn at random, so tests can count on them: a rate r hits a
 * call whenever the running sum of r crosses a whole number (1 = every call, 0.5 = every second one).
 */
export class FaultState {
  #faults: SandboxFaults
  #sums = zeroSums()

  constructor (input: SandboxFaultsInput | undefined) {
    this.#faults = resolveFaults(input)
  }

  get current (): SandboxFaults {
    return structuredClone(this.#faults)
  }

  replace (input: SandboxFaultsInput | undefined): SandboxFaults {
    this.#faults = resolveFaults(input)
    this.#sums = zeroSums()
    return this.current
  }

  #applies (method: string): boolean {
    const methods = this.#faults.methods
    return methods === undefined || methods.includes(method)
  }

  latencyFor (method: string): number {
    return this.#applies(method) ? this.#faults.latencyMs : 0
  }

  /** The fault to inject into this call of `method`, if any; each call advances the counters once. */
  gatewayFault (method: string): GatewayFault | undefined {
    if (!this.#applies(method)) return undefined
    const hit = (kind: RateKind, rate: number): boolean => {
      this.#sums[kind] += rate
      if (this.#sums[kind] < 1 - 1e-9) return false
      this.#sums[kind] -= 1
      return true
    }
    const timeout = hit('timeout', this.#faults.timeoutRate)
    const unavailable = hit('unavailable', this.#faults.unavailableRate)
    const systemError = hit('systemError', this.#faults.systemErrorRate)
    if (timeout) return 'timeout'
    if (unavailable) return 'unavailable'
    if (systemError) return 'system-error'
    return undefined
  }
}
