// The phone entry's plain pages: the diner's language from Accept-Language, and markup safe to show.
import { describe, expect, it } from 'vitest'
import { pageLanguage, renderPage } from '../../src/routes/t/pages.js'

describe('pageLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh-CN;q=0.9', 'zh-CN'],
    ['fr-FR,fr;q=0.9', 'en'],
    ['zh-CN;q=0, en', 'en'],
    ['*', 'en'],
    ['zhuang', 'en'],
  ] as const)('%j → %s', (header, expected) => {
    expect(pageLanguage(header)).toBe(expected)
  })
})

describe('renderPage', () => {
  it('writes a whole document in the language, with a heading, an escaped link and nothing external', () => {
    const html = renderPage('denied', 'zh-CN', { name: 'retry', href: '/t/a"b<c' })
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/)
    expect(html).toContain('<h1>支付宝未完成登录</h1>')
    expect(html).toContain('href="/t/a&quot;b&lt;c" data-testid="phone-entry-retry">重试</a>')
    expect(html).not.toMatch(/<script|src=|https?:\/\//)
  })
})
