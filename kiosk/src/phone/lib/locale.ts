// The phone's language: the diner's last choice in this tab, else the phone's own language when we have it.
import type { Locale } from '@shared/schemas/common'
import { DEFAULT_LOCALE } from '@/core/i18n'

const KEY = 'tp-phone-locale'

export function initialPhoneLocale (): Locale {
  try {
    const saved = sessionStorage.getItem(KEY)
    if (saved === 'en' || saved === 'zh-CN') return saved
  } catch {
    // No storage (private mode): fall through to the phone's language.
  }
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const language of languages) {
    const lower = (language ?? '').toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return DEFAULT_LOCALE
}

export function rememberPhoneLocale (locale: Locale): void {
  try {
    sessionStorage.setItem(KEY, locale)
  } catch {
    // Remembered for this page only.
  }
}
