// The staff console's messages: merged into the app's i18n when the console's chunk loads, so the tablet never downloads them.
import type { Composer } from 'vue-i18n'
import { i18n } from '@/i18n'
import en from './en.json'
import zhCN from './zh-CN.json'

export type StaffMessageSchema = typeof en

const installed = new WeakSet<object>()

/** Adds the console's messages (under `console.*`) to an i18n instance; the app's own by default. */
export function installStaffMessages (composer: Pick<Composer, 'mergeLocaleMessage'> = i18n.global): void {
  if (installed.has(composer)) return
  composer.mergeLocaleMessage('en', en)
  composer.mergeLocaleMessage('zh-CN', zhCN)
  installed.add(composer)
}
