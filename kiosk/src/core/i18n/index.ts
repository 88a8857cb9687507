// vue-i18n for every face: messages precompiled at build time (see vite.config.ts), en and zh-CN.
// Core holds only the messages every face shows (language, common buttons, payment failures); each face merges its
// own messages when its code loads (installMessages), so the tablet never downloads the console's words. Only the
// default language is built in: each face brings the core's other languages with its own (core/i18n/languages.ts).
import { createI18n, type Composer } from 'vue-i18n'
import type { Locale } from '@shared/schemas/common'
import en from './en.json'

export const KIOSK_LOCALES: readonly Locale[] = ['en', 'zh-CN']
export const DEFAULT_LOCALE: Locale = 'en'

export type MessageSchema = typeof en
/** One face's messages, by language. */
export type FaceMessages = Record<Locale, Record<string, unknown>>

export function isLocale (value: string): value is Locale {
  return (KIOSK_LOCALES as readonly string[]).includes(value)
}

export function createKioskI18n (locale: Locale = DEFAULT_LOCALE) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    // The other languages' entries are merged in when a face brings them (see above).
    messages: { en } as Record<Locale, MessageSchema>,
    // A missing key is caught by the i18n tests; keep the console quiet in the field.
    missingWarn: false,
    fallbackWarn: false,
  })
}

export const i18n = createKioskI18n()

const installed = new WeakMap<object, Set<FaceMessages>>()

/** Adds a face's messages to an i18n instance (the app's own by default); once per instance. */
export function installMessages (messages: FaceMessages, composer: Pick<Composer, 'mergeLocaleMessage'> = i18n.global): void {
  const done = installed.get(composer) ?? new Set<FaceMessages>()
  if (done.has(messages)) return
  for (const locale of KIOSK_LOCALES) composer.mergeLocaleMessage(locale, messages[locale] as never)
  done.add(messages)
  installed.set(composer, done)
}

/** Switches the UI language; the document language lets screen readers pick the right voice. */
export function applyLocale (locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
