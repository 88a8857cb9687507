// Choosing brotli, gzip or nothing from Accept-Encoding.
import { describe, expect, it } from 'vitest'
import { preferredCoding } from '../../src/lib/content-coding.js'

describe('preferredCoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br; q=0.0, gzip;q=0', null],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['identity', null],
    ['deflate, zstd', null],
    [['gzip', 'br'], 'br'],
  ] as const)('%j → %s', (header, expected) => {
    expect(preferredCoding(header as string | string[] | undefined)).toBe(expected)
  })

  it('answers each header on its own when headers alternate', () => {
    for (const [header, expected] of [['gzip', 'gzip'], ['br', 'br'], ['gzip', 'gzip'], ['gzip', 'gzip'], ['identity', null]] as const) {
      expect(preferredCoding(header)).toBe(expected)
    }
  })
})
