// The staff console's messages: merged into the app's i18n when the console's chunk loads, so the tablet never downloads them.
import type { Composer } from 'vue-i18n'
import { installMessages } from '@/core/i18n'
import { CORE_LANGUAGES } from '@/core/i18n/languages'
import en from './en.json'
import zhCN from './zh-CN.json'

export type StaffMessageSchema = typeof en

const STAFF_MESSAGES = { en, 'zh-CN': zhCN }

/** Adds the console's messages (under `console.*`) to an i18n instance; the app's own by default. */
export function installStaffMessages (composer?: Pick<Composer, 'mergeLocaleMessage'>): void {
  installMessages(CORE_LANGUAGES, composer)
  installMessages(STAFF_MESSAGES, composer)
}
