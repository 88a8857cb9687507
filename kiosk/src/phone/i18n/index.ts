// The phone page's messages, merged into the app's i18n when its chunk loads. The phone reuses the tablet's menu
// and cart components, so it also brings the tablet's words (fetched per language, as the tablet itself does).
import type { Locale } from '@shared/schemas/common'
import { DEFAULT_LOCALE, installMessages } from '@/core/i18n'
import { CORE_LANGUAGES } from '@/core/i18n/languages'
import { loadTabletLocale } from '@/tablet/i18n'
import en from './en.json'
import zhCN from './zh-CN.json'

const PHONE_MESSAGES = { en, 'zh-CN': zhCN }

export function installPhoneMessages (): void {
  installMessages(CORE_LANGUAGES)
  installMessages(PHONE_MESSAGES)
}

/** The words of the reused tablet components in `locale` (and the default language, every other one's fallback). */
export function loadPhoneLocale (locale: Locale): Promise<void> {
  return Promise.all([loadTabletLocale(DEFAULT_LOCALE), loadTabletLocale(locale)]).then(() => undefined)
}
