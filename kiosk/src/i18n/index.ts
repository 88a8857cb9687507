// vue-i18n for the kiosk: messages precompiled at build time (see vite.config.ts), en and zh-CN.
import { createI18n } from 'vue-i18n'
import type { Locale } from '@shared/schemas/common'
import en from './en.json'
import zhCN from './zh-CN.json'

export const KIOSK_LOCALES: readonly Locale[] = ['en', 'zh-CN']
export const DEFAULT_LOCALE: Locale = 'en'

export type MessageSchema = typeof en

export function isLocale (value: string): value is Locale {
  return (KIOSK_LOCALES as readonly string[]).includes(value)
}

export function createKioskI18n (locale: Locale = DEFAULT_LOCALE) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { en, 'zh-CN': zhCN },
    // A missing key is caught by the i18n tests; keep the console quiet in the field.
    missingWarn: false,
    fallbackWarn: false,
  })
}

export const i18n = createKioskI18n()

/** Switches the UI language; the document language lets screen readers pick the right voice. */
export function applyLocale (locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
