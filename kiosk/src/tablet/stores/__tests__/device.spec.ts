// The tablet's pairing as the server knows it: a read that was overtaken by the event stream never undoes a pairing.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { DeviceMe } from '@shared/schemas/device'
import * as db from '@/db'
import { useDeviceStore } from '@/tablet/stores/device'
import { PAIRED_DEVICE, createMockServer, type MockServer } from '@/__tests__/support'

const UNPAIRED: DeviceMe = { ...PAIRED_DEVICE, status: 'unpaired', table: undefined, pairingCode: '482913', pairingExpiresAt: '2030-01-01T12:10:00.000Z' }

let server: MockServer

describe('device store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    server = createMockServer()
    vi.stubGlobal('fetch', server.fetch)
  })
  afterEach(async () => {
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('keeps a pairing the event stream brought while an older read of the device was on its way', async () => {
    const device = useDeviceStore()
    server.on('GET /api/devices/me', () => ({ status: 200, body: UNPAIRED }))
    await device.refresh()
    expect(device.state).toBe('unpaired')

    // The read is answered from before staff paired the tablet, but arrives after the stream's pairing event.
    let answer!: () => void
    server.on('GET /api/devices/me', () => new Promise(resolve => { answer = () => resolve({ status: 200, body: UNPAIRED }) }))
    const lateRead = device.refresh()
    await vi.waitFor(() => expect(answer).toBeTypeOf('function'))
    device.apply(PAIRED_DEVICE)
    answer()
    await lateRead

    expect(device.state).toBe('paired')
    expect(device.tableLabel).toBe('5')
  })

  it('applies a read when nothing newer arrived meanwhile, so staff unpairing is seen', async () => {
    const device = useDeviceStore()
    device.apply(PAIRED_DEVICE)
    server.on('GET /api/devices/me', () => ({ status: 200, body: UNPAIRED }))
    await device.refresh()
    expect(device.state).toBe('unpaired')
    expect(device.pairingCode).toBe('482913')
  })
})
