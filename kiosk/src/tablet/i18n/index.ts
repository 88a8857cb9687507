// The tablet's messages: merged into the app's i18n by the tablet's view (and by tests that mount tablet screens).
import type { Composer } from 'vue-i18n'
import type { Locale } from '@shared/schemas/common'
import { createKioskI18n, DEFAULT_LOCALE, installMessages } from '@/core/i18n'
import en from './en.json'
import zhCN from './zh-CN.json'

const TABLET_MESSAGES = { en, 'zh-CN': zhCN }

export function installTabletMessages (composer?: Pick<Composer, 'mergeLocaleMessage'>): void {
  installMessages(TABLET_MESSAGES, composer)
}

/** An i18n instance with the core's and the tablet's messages, for tests that mount tablet screens. */
export function createTabletI18n (locale: Locale = DEFAULT_LOCALE) {
  const i18n = createKioskI18n(locale)
  installTabletMessages(i18n.global)
  return i18n
}
