// Which tablets have a live event stream open now: the `online` flag of the staff device list.
// This process knows its own streams; a tablet streaming from another process (PostgreSQL, issue 16) counts as
// online through its `last_seen_at`, which that process keeps fresh (lib/device-presence-refresh.ts).

/** A tablet seen this recently still counts as online, so a reconnecting stream does not flicker. */
export const ONLINE_GRACE_MS = 60_000

/** Told when a device's first stream here opens and when its last one closes. */
export interface PresenceListener {
  opened: (deviceId: string) => void
  closed: (deviceId: string) => void
}

export class DevicePresence {
  private readonly streams = new Map<string, number>()
  private listener: PresenceListener | null = null

  /** `now` is this process's clock for "seen recently" (tests move it instead of waiting out the grace). */
  constructor (readonly now: () => number = Date.now) {}

  /** One listener at most: the refresher on PostgreSQL; nothing on SQLite, so a stream costs no more there. */
  watch (listener: PresenceListener): void {
    this.listener = listener
  }

  /** Counts an open stream of the device; call the returned function once when it closes. */
  open (deviceId: string): () => void {
    const before = this.streams.get(deviceId) ?? 0
    this.streams.set(deviceId, before + 1)
    if (before === 0) this.listener?.opened(deviceId)
    let closed = false
    return () => {
      if (closed) return
      closed = true
      const left = (this.streams.get(deviceId) ?? 1) - 1
      if (left > 0) {
        this.streams.set(deviceId, left)
        return
      }
      this.streams.delete(deviceId)
      this.listener?.closed(deviceId)
    }
  }

  isStreaming (deviceId: string): boolean {
    return this.streams.has(deviceId)
  }

  /** The devices with a stream open in this process. */
  streamingDeviceIds (): string[] {
    return [...this.streams.keys()]
  }

  isOnline (deviceId: string, lastSeenAt: string | null, now = this.now()): boolean {
    if (this.isStreaming(deviceId)) return true
    return lastSeenAt !== null && now - Date.parse(lastSeenAt) < ONLINE_GRACE_MS
  }
}
