// After start-up the next screens' code loads one piece per idle period, in order, and a failed piece does not stop the rest.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { inIdleTurns } from '@/tablet/lib/idle-queue'

afterEach(() => { vi.unstubAllGlobals() })

describe('inIdleTurns', () => {
  it('runs each task in an idle period of its own, one after the other, past a failure', async () => {
    const idleCallbacks: Array<() => void> = []
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => { idleCallbacks.push(callback); return idleCallbacks.length })
    const ran: string[] = []
    const done = inIdleTurns([
      async () => { ran.push('menu') },
      async () => { ran.push('pay'); throw new Error('network down') },
      async () => { ran.push('qr') },
    ])
    // Nothing runs before the page is idle, and each idle period runs exactly one task.
    await vi.waitFor(() => { expect(idleCallbacks).toHaveLength(1) })
    expect(ran).toEqual([])
    for (let turn = 1; turn <= 3; turn++) {
      idleCallbacks[turn - 1]!()
      await vi.waitFor(() => { expect(ran).toHaveLength(turn) })
      if (turn < 3) await vi.waitFor(() => { expect(idleCallbacks).toHaveLength(turn + 1) })
    }
    await done
    expect(ran).toEqual(['menu', 'pay', 'qr'])
  })
})
