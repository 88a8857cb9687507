// The phone page's messages, merged into the app's i18n when its chunk loads.
import { installMessages } from '@/core/i18n'
import en from './en.json'
import zhCN from './zh-CN.json'

export function installPhoneMessages (): void {
  installMessages({ en, 'zh-CN': zhCN })
}
