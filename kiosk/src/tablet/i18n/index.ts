// The tablet's messages: merged into the app's i18n by the tablet's view (and by tests that mount tablet screens).
// The core's words in another language come with the tablet's (core/i18n/languages.ts). Two parts per language: the start words (boot, attract and offline: what a tablet shows before a diner taps) and
// the screens' words. Only the default language's start words are in the first bundle; the rest come in chunks of
// their own, fetched after start-up (preloadTabletLocales), before a lazy screen shows (withTabletWords) or when a
// diner picks the language.
import type { Composer } from 'vue-i18n'
import type { Locale } from '@shared/schemas/common'
import { createKioskI18n, DEFAULT_LOCALE, i18n, KIOSK_LOCALES } from '@/core/i18n'
import startEn from './start/en.json'

type MessageTarget = Pick<Composer, 'mergeLocaleMessage'>
type Words = () => Promise<{ default: object }>

/** English is every diner's first language (DEFAULT_LOCALE): its start words are in the bundle, merged at once. */
const BUNDLED: Partial<Record<Locale, object>> = { en: startEn }
const FETCHED: Record<Locale, Words[]> = {
  en: [() => import('./en.json')],
  'zh-CN': [() => import('@/core/i18n/zh-CN.json'), () => import('./start/zh-CN.json'), () => import('./zh-CN.json')],
}

const installed = new WeakMap<object, Map<Locale, Promise<void>>>()

/** Adds the tablet's words in one language to an i18n instance (the app's own by default); once per instance.
 * The bundled part is merged before this returns; the promise settles once the fetched parts are merged too. */
export function loadTabletLocale (locale: Locale, composer: MessageTarget = i18n.global): Promise<void> {
  const done = installed.get(composer) ?? new Map<Locale, Promise<void>>()
  installed.set(composer, done)
  const known = done.get(locale)
  if (known) return known
  const bundled = BUNDLED[locale]
  if (bundled) composer.mergeLocaleMessage(locale, bundled as never)
  const loading = Promise.all(FETCHED[locale].map(fetchWords => fetchWords())).then((modules) => {
    for (const module of modules) composer.mergeLocaleMessage(locale, module.default as never)
  })
  // A failed fetch (flaky Wi-Fi before the service worker took over) is tried again on the next call; merging a
  // bundled part twice is harmless.
  loading.catch(() => done.delete(locale))
  done.set(locale, loading)
  return loading
}

/** The tablet's default-language start words, at once (they are in the bundle); the rest is fetched. */
export function installTabletMessages (composer?: MessageTarget): void {
  loadTabletLocale(DEFAULT_LOCALE, composer).catch(() => undefined)
}

/** Fetches the other languages' words once the first screen is up, so a language switch never waits. */
export function preloadTabletLocales (composer?: MessageTarget): Promise<void> {
  return Promise.all(KIOSK_LOCALES.map(locale => loadTabletLocale(locale, composer))).then(() => undefined)
}

/** A lazy screen's loader that also waits for the default language's screen words (the fallback of every other),
 * so no screen ever shows a bare key. */
export function withTabletWords<T> (loader: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([loader(), loadTabletLocale(DEFAULT_LOCALE)]).then(([module]) => module)
}

/** An i18n instance with the core's and the tablet's start words (the rest: loadTabletLocale), for tests. */
export function createTabletI18n (locale: Locale = DEFAULT_LOCALE) {
  const instance = createKioskI18n(locale)
  installTabletMessages(instance.global)
  return instance
}
