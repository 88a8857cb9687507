// Which tablets have a live event stream open now: the `online` flag of the staff device list.

/** A tablet seen this recently still counts as online, so a reconnecting stream does not flicker. */
export const ONLINE_GRACE_MS = 60_000

export class DevicePresence {
  private readonly streams = new Map<string, number>()

  /** Counts an open stream of the device; call the returned function once when it closes. */
  open (deviceId: string): () => void {
    this.streams.set(deviceId, (this.streams.get(deviceId) ?? 0) + 1)
    let closed = false
    return () => {
      if (closed) return
      closed = true
      const left = (this.streams.get(deviceId) ?? 1) - 1
      if (left > 0) this.streams.set(deviceId, left)
      else this.streams.delete(deviceId)
    }
  }

  isStreaming (deviceId: string): boolean {
    return this.streams.has(deviceId)
  }

  isOnline (deviceId: string, lastSeenAt: string | null, now = Date.now()): boolean {
    if (this.isStreaming(deviceId)) return true
    return lastSeenAt !== null && now - Date.parse(lastSeenAt) < ONLINE_GRACE_MS
  }
}
