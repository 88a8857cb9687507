// The tablet names its table in the diner's language: the Chinese name in zh-CN when staff gave one, else the label.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { applyLocale } from '@/core/i18n'
import * as db from '@/db'
import { useDeviceStore } from '@/tablet/stores/device'
import { PAIRED_DEVICE } from '@/__tests__/support'

describe('the tablet\'s table label', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(async () => {
    applyLocale('en')
    await db.destroy()
  })

  it('follows the language when the table has a Chinese name', () => {
    const device = useDeviceStore()
    device.apply({ ...PAIRED_DEVICE, table: { id: 'tbl_5', label: 'Window 5', labelZh: '窗边 5' } })
    expect(device.tableLabel).toBe('Window 5')
    applyLocale('zh-CN')
    expect(device.tableLabel).toBe('窗边 5')
  })

  it('keeps the label in Chinese when the table has no Chinese name', () => {
    const device = useDeviceStore()
    device.apply(PAIRED_DEVICE)
    applyLocale('zh-CN')
    expect(device.tableLabel).toBe('5')
  })
})
