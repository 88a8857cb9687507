// The hidden staff gesture: a number of taps on one spot within a short time.
export interface CornerTapOptions {
  taps?: number
  withinMs?: number
  onUnlock: () => void
}

export function useCornerTaps ({ taps = 5, withinMs = 3_000, onUnlock }: CornerTapOptions) {
  let times: number[] = []

  function tap (): void {
    const now = Date.now()
    times = [...times.filter(time => now - time <= withinMs), now]
    if (times.length >= taps) {
      times = []
      onUnlock()
    }
  }

  return { tap }
}
