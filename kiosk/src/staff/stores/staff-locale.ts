// The console's language: remembered on this device apart from the tablet's diner language.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { Locale } from '@shared/schemas/common'
import { DEFAULT_LOCALE, isLocale } from '@/core/i18n'

const LOCALE_KEY = 'tablepad-staff-locale'

function savedLocale (): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY)
    if (saved && isLocale(saved)) return saved
  } catch {
    // Storage blocked: English until someone switches.
  }
  return DEFAULT_LOCALE
}

export const useStaffLocaleStore = defineStore('staff-locale', () => {
  const locale = ref<Locale>(savedLocale())

  function remember (next: Locale): void {
    try {
      localStorage.setItem(LOCALE_KEY, next)
    } catch {
      // Not remembered; the switch still works for this page.
    }
  }

  return { locale, remember }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffLocaleStore, import.meta.hot))
