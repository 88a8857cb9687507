// Alipay timestamps are Beijing time whatever the process time zone is.
import { afterEach, describe, expect, it } from 'vitest'
import { alipayTimestamp, parseAlipayTimestamp } from '../../src/alipay/timestamp.js'

describe('alipayTimestamp', () => {
  const originalTz = process.env.TZ
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ
    else process.env.TZ = originalTz
  })

  it('formats an instant as yyyy-MM-dd HH:mm:ss in UTC+8', () => {
    expect(alipayTimestamp(new Date('2024-05-13T09:49:20.999Z'))).toBe('2024-05-13 17:49:20')
  })

  it('rolls over the day, month and year at Beijing midnight', () => {
    expect(alipayTimestamp(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01 00:00:00')
    expect(alipayTimestamp(new Date('2023-12-31T15:59:59Z'))).toBe('2023-12-31 23:59:59')
  })

  it('does not depend on the server time zone (including one with DST)', () => {
    const instant = new Date('2024-07-01T01:02:03Z')
    for (const tz of ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata']) {
      process.env.TZ = tz
      expect(alipayTimestamp(instant)).toBe('2024-07-01 09:02:03')
    }
  })
})

describe('parseAlipayTimestamp', () => {
  it('reads gmt_payment / send_pay_date as Beijing time, with or without a fraction', () => {
    expect(parseAlipayTimestamp('2024-05-13 17:49:20')?.toISOString()).toBe('2024-05-13T09:49:20.000Z')
    expect(parseAlipayTimestamp('2024-01-01 00:00:00.5')?.toISOString()).toBe('2023-12-31T16:00:00.500Z')
    expect(parseAlipayTimestamp('2024-01-01 07:59:59.123')?.toISOString()).toBe('2023-12-31T23:59:59.123Z')
  })

  it('is the inverse of alipayTimestamp whatever the server time zone', () => {
    const originalTz = process.env.TZ
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
        process.env.TZ = tz
        expect(parseAlipayTimestamp(alipayTimestamp(new Date('2024-07-01T01:02:03Z')))?.toISOString()).toBe('2024-07-01T01:02:03.000Z')
      }
    } finally {
      if (originalTz === undefined) delete process.env.TZ
      else process.env.TZ = originalTz
    }
  })

  it('refuses what is not an Alipay time, including dates that do not exist', () => {
    for (const text of ['', '2024-05-13T17:49:20Z', '2024-05-13 17:49', '2024-02-30 10:00:00', '2024-05-13 25:00:00', 'yesterday']) {
      expect(parseAlipayTimestamp(text)).toBeNull()
    }
  })
})
