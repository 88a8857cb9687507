// Localized menu text and money in the diner's language.
import { useI18n } from 'vue-i18n'
import { formatMoney } from '@shared/money'
import type { LocalizedText, Locale } from '@shared/schemas/common'
import { useMenuStore } from '@/stores/menu'

export function useFormat () {
  const { locale } = useI18n()
  const menu = useMenuStore()

  /** The text in the current language, English when a translation is missing. */
  function text (value: LocalizedText | null | undefined): string {
    if (!value) return ''
    return value[locale.value as Locale] || value.en
  }

  function money (minor: number): string {
    return formatMoney(minor, menu.currency, locale.value)
  }

  /** A price change as "+¥3.00" / "−¥2.00". */
  function moneyDelta (minor: number): string {
    return `${minor < 0 ? '−' : '+'}${money(Math.abs(minor))}`
  }

  return { text, money, moneyDelta }
}
