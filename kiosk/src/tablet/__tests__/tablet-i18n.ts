// Tests that mount tablet screens get every tablet word at once (the app fetches most of them: tablet/i18n).
import { createKioskI18n, DEFAULT_LOCALE } from '@/core/i18n'
import type { Locale } from '@shared/schemas/common'
import coreZhCN from '@/core/i18n/zh-CN.json'
import startEn from '@/tablet/i18n/start/en.json'
import startZhCN from '@/tablet/i18n/start/zh-CN.json'
import en from '@/tablet/i18n/en.json'
import zhCN from '@/tablet/i18n/zh-CN.json'

const WORDS: Record<Locale, object[]> = { en: [startEn, en], 'zh-CN': [coreZhCN, startZhCN, zhCN] }

export function createTabletI18n (locale: Locale = DEFAULT_LOCALE) {
  const instance = createKioskI18n(locale)
  for (const [language, parts] of Object.entries(WORDS)) {
    for (const part of parts) instance.global.mergeLocaleMessage(language as Locale, part as never)
  }
  return instance
}
