// The "timeout" fault of both gateways (v2 and MAPI): the call was carried out, only its answer is lost.
import type { FastifyReply } from 'fastify'
import type { Sandbox } from './sandbox.js'

/** A "timed out" call is held this long (longer than any client waits) before its late answer. */
export const TIMEOUT_HOLD_MS = 60_000

/**
 * Holds the answer as a response that dies on the network would. True when the emulator stopped meanwhile and
 * the connection was dropped (the caller returns `reply`); false when the late answer should still be sent.
 */
export async function holdAnswer (sandbox: Sandbox, reply: FastifyReply): Promise<boolean> {
  const stopped = await sandbox.scheduler.sleep(TIMEOUT_HOLD_MS)
  if (!stopped) return false
  reply.hijack()
  reply.raw.destroy()
  return true
}
