// The new-ticket flash: shown once per ticket, gone by itself, decorative (hidden from screen readers).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { useStaffFlash } from '@/staff/composables/useStaffFlash'
import StaffFlash from '../StaffFlash.vue'

afterEach(() => vi.useRealTimers())

describe('StaffFlash', () => {
  it('lights up on a new ticket and goes out by itself', async () => {
    vi.useFakeTimers()
    const wrapper = mount(StaffFlash)
    expect(wrapper.find('[data-testid="staff-flash"]').exists()).toBe(false)
    useStaffFlash().flash()
    await nextTick()
    const frame = wrapper.get('[data-testid="staff-flash"]')
    expect(frame.attributes('aria-hidden')).toBe('true')
    vi.advanceTimersByTime(3_000)
    await nextTick()
    expect(wrapper.find('[data-testid="staff-flash"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
