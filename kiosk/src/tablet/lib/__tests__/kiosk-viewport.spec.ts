// Zoom stays off only while the tablet face is on screen: the console and the phone page keep pinch-zoom.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lockKioskZoom } from '@/tablet/lib/kiosk-viewport'

const PAGE_VIEWPORT = 'width=device-width, initial-scale=1, viewport-fit=cover'
const viewport = (): string | null => document.querySelector('meta[name="viewport"]')?.getAttribute('content') ?? null

describe('kiosk zoom lock', () => {
  beforeEach(() => {
    const meta = document.createElement('meta')
    meta.name = 'viewport'
    meta.content = PAGE_VIEWPORT
    document.head.append(meta)
  })
  afterEach(() => document.head.querySelectorAll('meta[name="viewport"]').forEach(meta => meta.remove()))

  it('turns zoom off, and gives the page its own viewport back when released', () => {
    const unlock = lockKioskZoom()
    expect(viewport()).toMatch(/user-scalable=no/)
    expect(viewport()).toMatch(/maximum-scale=1/)

    unlock()
    expect(viewport()).toBe(PAGE_VIEWPORT)
  })
})
