// The core's words in the languages besides the default one. Not in the core's index: the staff console and the
// phone page merge them with their own messages, the tablet fetches them with its other languages (tablet/i18n), so
// the tablet's first bundle carries one language only.
import type { FaceMessages } from './index'
import zhCN from './zh-CN.json'

export const CORE_LANGUAGES: FaceMessages = { en: {}, 'zh-CN': zhCN }
