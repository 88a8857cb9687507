// Device presence: this process's open streams and "seen recently" (the staff list's `online`), and on SQLite no
// write at all for a stream (the refresh across processes is PostgreSQL's: device-presence-refresh.test.ts).
import { describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { DevicePresence, ONLINE_GRACE_MS } from '../../src/lib/device-presence.js'
import { createDevice } from '../../src/repositories/devices.js'

const T0 = Date.parse('2026-12-06T12:00:00.000Z')

describe('DevicePresence', () => {
  it('counts a device with a stream open as online until its last stream closes, each close counting once', () => {
    const presence = new DevicePresence(() => T0)
    const first = presence.open('dev_1')
    const second = presence.open('dev_1')
    expect(presence.streamingDeviceIds()).toEqual(['dev_1'])
    first()
    first()
    expect(presence.isOnline('dev_1', null)).toBe(true)
    second()
    expect(presence.isStreaming('dev_1')).toBe(false)
    expect(presence.streamingDeviceIds()).toEqual([])
    expect(presence.isOnline('dev_1', null)).toBe(false)
  })

  it('counts a device seen within the grace as online, by its own clock', () => {
    let now = T0
    const presence = new DevicePresence(() => now)
    const seen = new Date(T0).toISOString()
    expect(presence.isOnline('dev_1', seen)).toBe(true)
    now = T0 + ONLINE_GRACE_MS - 1
    expect(presence.isOnline('dev_1', seen)).toBe(true)
    now = T0 + ONLINE_GRACE_MS
    expect(presence.isOnline('dev_1', seen)).toBe(false)
    expect(presence.isOnline('dev_1', seen, T0)).toBe(true)
  })

  it('tells its listener of a device\'s first stream opening and its last one closing, nothing between', () => {
    const presence = new DevicePresence()
    const heard: string[] = []
    presence.watch({ opened: id => heard.push(`opened ${id}`), closed: id => heard.push(`closed ${id}`) })
    const first = presence.open('dev_1')
    const second = presence.open('dev_1')
    const other = presence.open('dev_2')
    first()
    expect(heard).toEqual(['opened dev_1', 'opened dev_2'])
    second()
    other()
    second()
    expect(heard).toEqual(['opened dev_1', 'opened dev_2', 'closed dev_1', 'closed dev_2'])
  })

  it('writes nothing for a stream on SQLite: one process, its own streams are the whole truth', async () => {
    const app = await buildEmptyApp()
    expect(app.config.databaseUrl).toBeNull()
    // A registered tablet belongs to no store until it is paired: it is made, and read, on the root handle.
    const root = app.database.db
    const device = await createDevice(root, { tokenHash: 'hash-of-nothing' })
    const long = new Date(Date.now() - 3_600_000).toISOString()
    await root.updateTable('devices').set({ last_seen_at: long }).execute()
    const leave = app.devicePresence.open(device.id)
    // A write the open started would have been queued on the one connection before this read.
    const row = await root.selectFrom('devices').select('last_seen_at').executeTakeFirstOrThrow()
    expect(row.last_seen_at).toBe(long)
    leave()
  })
})
