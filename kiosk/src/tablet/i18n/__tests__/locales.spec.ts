// The tablet's words: English start words in the first bundle and there at once; the screens' words and Chinese
// fetched on demand, then there too.
import { describe, expect, it } from 'vitest'
import { i18n } from '@/core/i18n'
import { createTabletI18n, loadTabletLocale, preloadTabletLocales, withTabletWords } from '@/tablet/i18n'

describe('tablet messages by language', () => {
  it('has the default language at once, and another only once loaded', async () => {
    const composer = createTabletI18n().global
    expect(composer.te('attract.start', 'en')).toBe(true)
    expect(composer.te('attract.start', 'zh-CN')).toBe(false)

    await loadTabletLocale('zh-CN', composer)
    expect(composer.te('attract.start', 'zh-CN')).toBe(true)
    expect(composer.t('attract.start', {}, { locale: 'zh-CN' })).toMatch(/\p{Script=Han}/u)
  })

  it('loads every language once the first screen is up', async () => {
    const composer = createTabletI18n().global
    await preloadTabletLocales(composer)
    expect(composer.te('attract.tagline', 'zh-CN')).toBe(true)
    expect(composer.te('attract.tagline', 'en')).toBe(true)
  })

  it('has the screens\' words once the default language is loaded', async () => {
    const composer = createTabletI18n().global
    expect(composer.te('boot.loading', 'en')).toBe(true)
    // (Not "absent before": vue-i18n merges into the core's message object, which earlier tests filled already.)
    await loadTabletLocale('en', composer)
    expect(composer.te('menu.loading', 'en')).toBe(true)
  })

  it('brings the core\'s words with another language', async () => {
    const composer = createTabletI18n().global
    expect(composer.te('common.close', 'zh-CN')).toBe(false)
    await loadTabletLocale('zh-CN', composer)
    expect(composer.t('common.close', {}, { locale: 'zh-CN' })).toMatch(/\p{Script=Han}/u)
  })

  it('shows a lazy screen only once its words are in the app', async () => {
    const screen = await withTabletWords(() => Promise.resolve({ default: 'screen' }))()
    expect(screen).toEqual({ default: 'screen' })
    expect(i18n.global.te('pay.title' as never, 'en')).toBe(true)
  })
})
