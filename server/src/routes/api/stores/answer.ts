// What the stores API says of a store: its settings in effect, and of its Alipay only whether it has its own
// credentials, the app id and the mode — never a key.
import type { StoreSettings } from '../../../stores/store-settings.js'
import type { Store } from '#shared/schemas/store.js'

export function storeAnswer (settings: StoreSettings): Store {
  return {
    id: settings.id,
    slug: settings.slug,
    name: settings.name,
    currency: settings.currency,
    timezone: settings.timezone,
    paymentMode: settings.paymentMode,
    alipay: { configured: settings.ownAlipay, appId: settings.alipay.appId, mode: settings.alipay.mode },
  }
}
