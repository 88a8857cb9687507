// The phone page's messages, merged into the app's i18n when its chunk loads.
import { installMessages } from '@/core/i18n'
import { CORE_LANGUAGES } from '@/core/i18n/languages'
import en from './en.json'
import zhCN from './zh-CN.json'

const PHONE_MESSAGES = { en, 'zh-CN': zhCN }

export function installPhoneMessages (): void {
  installMessages(CORE_LANGUAGES)
  installMessages(PHONE_MESSAGES)
}
