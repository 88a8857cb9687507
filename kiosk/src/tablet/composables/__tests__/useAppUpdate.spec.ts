// Updates on a kiosk: a waiting version is switched to only when the tablet is between diners, and checked for periodically.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref, type EffectScope } from 'vue'
import { useAppUpdate } from '@/tablet/composables/useAppUpdate'
import { SW_URL } from '@/pwa/sw-config'
import { TAKEOVER_TIMEOUT_MS, UPDATE_CHECK_MS } from '@/tablet/composables/app-version'

const waitingWorker = { postMessage: vi.fn() }
const registration = { installing: null as object | null, waiting: null as typeof waitingWorker | null, update: vi.fn(async () => undefined) }

class FakeWorkbox extends EventTarget {
  static instances: FakeWorkbox[] = []
  constructor (readonly url: string) {
    super()
    FakeWorkbox.instances.push(this)
  }

  async register (): Promise<typeof registration> {
    // Like workbox-window: a worker already waiting is announced before register() resolves.
    if (registration.waiting) this.dispatchEvent(new Event('waiting'))
    return registration
  }
}

vi.mock('workbox-window', () => ({ Workbox: FakeWorkbox }))

let scope: EffectScope
let workbox: FakeWorkbox
const reload = vi.fn()

/** A new version installed and waiting, as workbox-window reports it. */
function newVersionWaits (): void {
  registration.waiting = waitingWorker
  workbox.dispatchEvent(new Event('waiting'))
}

function start (canApply = ref(false)) {
  scope = effectScope()
  const update = scope.run(() => useAppUpdate({ canApply }))!
  return {
    canApply,
    update: {
      ...update,
      /** Registers, and keeps the Workbox it made for the test to drive. */
      start: async () => {
        await update.start()
        workbox = FakeWorkbox.instances.at(-1)!
      },
    },
  }
}

describe('useAppUpdate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    vi.stubEnv('PROD', true)
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: {} })
    vi.spyOn(window.location, 'reload').mockImplementation(reload)
    vi.stubGlobal('fetch', vi.fn(async () => new Response('// sw', { status: 200 })))
    registration.installing = null
    registration.waiting = null
    waitingWorker.postMessage.mockClear()
    registration.update.mockClear()
    reload.mockClear()
  })

  afterEach(() => {
    scope.stop()
    Reflect.deleteProperty(navigator, 'serviceWorker')
    vi.useRealTimers()
    vi.unstubAllEnvs()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('keeps a waiting version while a diner uses the tablet, then switches and reloads between diners', async () => {
    const { update, canApply } = start()
    await update.start()
    expect(workbox.url).toBe(SW_URL)

    newVersionWaits()
    expect(update.waiting.value).toBe(true)
    expect(waitingWorker.postMessage).not.toHaveBeenCalled()

    canApply.value = true
    await vi.waitFor(() => expect(waitingWorker.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' }))
    expect(reload).not.toHaveBeenCalled()
    workbox.dispatchEvent(new Event('controlling'))
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('reloads anyway when the old worker does not hand over in time', async () => {
    const { update } = start(ref(true))
    await update.start()
    newVersionWaits()
    await vi.advanceTimersByTimeAsync(TAKEOVER_TIMEOUT_MS - 1)
    expect(reload).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('a page older than what the worker in control serves reloads into the new version, between diners only', async () => {
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { controller: {} } })
    // Inserted as markup, which (unlike createElement) never loads the script.
    document.head.insertAdjacentHTML('beforeend', '<script type="module" src="/assets/index-old.js" id="old-entry"></script>')
    vi.mocked(fetch).mockImplementation(async input => String(input) === '/index.html'
      ? new Response('<script type="module" crossorigin src="/assets/index-new.js"></script>')
      : new Response('// sw'))
    try {
      const { update, canApply } = start()
      await update.start()
      expect(update.stale.value).toBe(true)
      expect(reload).not.toHaveBeenCalled()

      canApply.value = true
      await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1))
    } finally {
      document.getElementById('old-entry')?.remove()
    }
  })

  it('switches at once when the version arrives while the tablet is already between diners', async () => {
    const { update } = start(ref(true))
    await update.start()
    newVersionWaits()
    expect(waitingWorker.postMessage).toHaveBeenCalledTimes(1)
  })

  it('switches to a version an earlier visit left waiting as soon as it is registered between diners', async () => {
    registration.waiting = waitingWorker
    const { update } = start(ref(true))
    await update.start()
    expect(waitingWorker.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' })
  })

  it('never reloads for the first install taking control', async () => {
    const { update } = start(ref(true))
    await update.start()
    workbox.dispatchEvent(new Event('controlling'))
    expect(reload).not.toHaveBeenCalled()
  })

  it('looks for a new version every 15 minutes, and not while the server is down', async () => {
    const { update } = start()
    await update.start()
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_MS)
    expect(fetch).toHaveBeenCalledWith(SW_URL, expect.objectContaining({ cache: 'no-store' }))
    expect(registration.update).toHaveBeenCalledTimes(1)

    vi.mocked(fetch).mockRejectedValue(new TypeError('Failed to fetch'))
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_MS)
    expect(registration.update).toHaveBeenCalledTimes(1)
  })

  it('looks for a new version each time the tablet gets back between diners', async () => {
    const { update, canApply } = start()
    await update.start()
    canApply.value = true
    await vi.waitFor(() => expect(registration.update).toHaveBeenCalledTimes(1))
    expect(waitingWorker.postMessage).not.toHaveBeenCalled()
  })
})
