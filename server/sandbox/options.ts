// Options of the Alipay gateway emulator and the shape of its injectable faults.
import { Type, type Static } from 'typebox'

/** Faults the emulator injects into gateway answers and notifications. */
export const SandboxNotifyFaultsSchema = Type.Object({
  /** Never deliver notifications (polling alone must find the truth). */
  drop: Type.Boolean(),
  /** Deliver every notification twice, with the same notify_id. */
  duplicate: Type.Boolean(),
  /** Wait this long before the first delivery attempt. */
  delayMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
  /** Hold each notification until the next one comes and deliver the newer one first. */
  reorder: Type.Boolean(),
  /** Sign notifications so that the signature does not verify. */
  badSignature: Type.Boolean(),
}, { additionalProperties: false })
export type SandboxNotifyFaults = Static<typeof SandboxNotifyFaultsSchema>

const Rate = Type.Number({ minimum: 0, maximum: 1 })

export const SandboxFaultsSchema = Type.Object({
  /** Delay before every gateway answer. */
  latencyMs: Type.Integer({ minimum: 0, maximum: 600_000 }),
  /** Share of calls that are carried out but never answered within a client's patience. */
  timeoutRate: Rate,
  /** Share of calls answered 40004 ACQ.SYSTEM_ERROR (and not carried out). */
  systemErrorRate: Rate,
  /** Share of calls answered 20000 isp.unknow-error (and not carried out). */
  unavailableRate: Rate,
  /** Limits the gateway faults above to these methods (all methods when absent). */
  methods: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 32 })),
  notify: SandboxNotifyFaultsSchema,
}, { additionalProperties: false })
export type SandboxFaults = Static<typeof SandboxFaultsSchema>

/** What `POST /faults` and `SandboxOptions.faults` accept: anything left out takes its default. */
export const SandboxFaultsInputSchema = Type.Object({
  latencyMs: Type.Optional(SandboxFaultsSchema.properties.latencyMs),
  timeoutRate: Type.Optional(Rate),
  systemErrorRate: Type.Optional(Rate),
  unavailableRate: Type.Optional(Rate),
  methods: Type.Optional(SandboxFaultsSchema.properties.methods),
  notify: Type.Optional(Type.Partial(SandboxNotifyFaultsSchema)),
}, { additionalProperties: false })
export type SandboxFaultsInput = Static<typeof SandboxFaultsInputSchema>

export const NO_FAULTS: SandboxFaults = {
  latencyMs: 0,
  timeoutRate: 0,
  systemErrorRate: 0,
  unavailableRate: 0,
  notify: { drop: false, duplicate: false, delayMs: 0, reorder: false, badSignature: false },
}

/** Alipay's schedule: three immediate retries, then 4m, 10m, 10m, 1h, 2h, 6h, 15h (PROTOCOL §3.4). */
export const ALIPAY_NOTIFY_RETRY_DELAYS_MS: readonly number[] = [
  0, 0, 0,
  4 * 60_000, 10 * 60_000, 10 * 60_000,
  3_600_000, 2 * 3_600_000, 6 * 3_600_000, 15 * 3_600_000,
]

export interface SandboxOptions {
  /** The merchant's app id; any other app_id is refused with isv.invalid-app-id. */
  appId: string
  /** The merchant's public key (PEM, or bare base64 SPKI): verifies the merchant's requests. */
  merchantPublicKey: string
  /** The emulated Alipay private key (PEM): signs answers and notifications. */
  alipayPrivateKey: string
  /** The merchant's PID, `2088` + 12 digits. */
  sellerId: string
  /** The MAPI `partner` (PID, `2088` + 12 digits) the Global gateway accepts; `sellerId` when absent. */
  partnerId?: string
  /** The partner's MAPI MD5 key: verifies `sign_type=MD5` requests, signs their answers and notifications. MD5 is refused without it. */
  md5Key?: string
  /** Absolute base URL of the sandbox prefix as a phone reaches it, e.g. `http://192.168.1.20:8080/sandbox`. */
  publicUrl: string
  /** Delays between notification attempts after a failed one (tests pass small values). */
  notifyRetryDelaysMs?: number[]
  faults?: SandboxFaultsInput
  /** The clock, in epoch milliseconds (tests move it). */
  now?: () => number
  /** Shown to the buyer on the payment pages. */
  merchantName?: string
  /**
   * A JSON file where the emulator keeps its trades, so a restart of the process does not make paid
   * trades vanish (sandbox-local mode passes one under DATA_DIR). In memory only when absent.
   */
  stateFile?: string
}

export function resolveFaults (input: SandboxFaultsInput | undefined): SandboxFaults {
  const faults: SandboxFaults = {
    latencyMs: input?.latencyMs ?? NO_FAULTS.latencyMs,
    timeoutRate: input?.timeoutRate ?? NO_FAULTS.timeoutRate,
    systemErrorRate: input?.systemErrorRate ?? NO_FAULTS.systemErrorRate,
    unavailableRate: input?.unavailableRate ?? NO_FAULTS.unavailableRate,
    notify: { ...NO_FAULTS.notify, ...input?.notify },
  }
  if (input?.methods !== undefined) faults.methods = [...input.methods]
  return faults
}
