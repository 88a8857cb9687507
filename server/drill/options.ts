// Command-line options of `npm run drill`: the full form by default, `--quick` for a short run.
import { parseArgs } from 'node:util'

export interface DrillOptions {
  tablets: number
  kills: number
  faultRate: number
  seed: number
  quick: boolean
  /** TABLEPAD_CRASH_POINT for every start of the server until it has died there once. */
  crashPoint: string | null
  /** How long the server may take to settle every payment and refund after the traffic, at most. */
  settleCapMs: number
}

export const FULL = { tablets: 150, kills: 5, faultRate: 0.1 }
export const QUICK = { tablets: 8, kills: 1, faultRate: 0.1 }

export function parseDrillOptions (argv: string[]): DrillOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      tablets: { type: 'string' },
      kills: { type: 'string' },
      'fault-rate': { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'crash-point': { type: 'string' },
    },
    strict: true,
  })
  const base = values.quick ? QUICK : FULL
  const whole = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${raw})`)
    return n
  }
  const rate = values['fault-rate'] === undefined ? base.faultRate : Number(values['fault-rate'])
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`--fault-rate must be from 0 to 1 (got ${values['fault-rate']})`)
  const crashPoint = values['crash-point'] ?? null
  if (crashPoint !== null && !/^[a-z0-9-]{1,64}$/.test(crashPoint)) throw new Error('--crash-point must be a name like after-paid-commit')
  return {
    tablets: whole('tablets', values.tablets, base.tablets, 1, 2000),
    kills: whole('kills', values.kills, base.kills, 0, 100),
    faultRate: rate,
    seed: whole('seed', values.seed, Math.floor(Math.random() * 1_000_000), 0, 2 ** 31),
    quick: values.quick ?? false,
    crashPoint,
    settleCapMs: values.quick ? 75_000 : 360_000,
  }
}
