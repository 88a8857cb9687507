// The store dialog's fields and what they become: the body of POST /api/stores (a new store) or of PATCH (only what
// changed). Settings left empty are left out, so the store follows the server's environment for them.
import type { PaymentMode } from '@shared/schemas/check'
import type { CreateStore, Store, StoreAlipayCredentials, UpdateStore } from '@shared/schemas/store'

export interface StoreDraft {
  slug: string
  name: string
  /** '' follows the server's STORE_CURRENCY. */
  currency: string
  /** '' follows the server's STORE_TIMEZONE. */
  timezone: string
  /** '' follows the server's PAYMENT_MODE. */
  paymentMode: PaymentMode | ''
  appId: string
  privateKey: string
  alipayPublicKey: string
  /** A store with its own Alipay app goes back to the server's (ALIPAY_*): its keys are dropped. */
  dropAlipay: boolean
}

/** The server's rule for short names (StoreSlugSchema): what staff type at login. */
export const STORE_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}$/
/** An Alipay Open Platform app id. */
export const ALIPAY_APP_ID_PATTERN = /^[0-9]{16}$/

export function draftOf (store: Store | null): StoreDraft {
  return {
    slug: store?.slug ?? '',
    name: store?.name ?? '',
    currency: store?.currency ?? '',
    timezone: store?.timezone ?? '',
    paymentMode: store?.paymentMode ?? '',
    // Keys are write-only: the fields start empty even when the store has them.
    appId: '',
    privateKey: '',
    alipayPublicKey: '',
    dropAlipay: false,
  }
}

export function slugValid (slug: string): boolean {
  return STORE_SLUG_PATTERN.test(slug.trim())
}

/** An IANA zone this browser knows (the server checks again with its own list). */
export function timezoneValid (timezone: string): boolean {
  const zone = timezone.trim()
  if (zone === '') return true
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone }).format(0)
    return true
  } catch {
    return false
  }
}

/** Whether the person typed anything of an Alipay app. */
export function alipayTyped (draft: StoreDraft): boolean {
  return [draft.appId, draft.privateKey, draft.alipayPublicKey].some(value => value.trim() !== '')
}

/** An app is all three or nothing: the server takes the app id with both keys, never one key alone. */
export function alipayValid (draft: StoreDraft): boolean {
  if (!alipayTyped(draft)) return true
  return ALIPAY_APP_ID_PATTERN.test(draft.appId.trim()) && draft.privateKey.trim() !== '' && draft.alipayPublicKey.trim() !== ''
}

function alipayCredentials (draft: StoreDraft): StoreAlipayCredentials | undefined {
  if (!alipayTyped(draft)) return undefined
  return { appId: draft.appId.trim(), privateKey: draft.privateKey.trim(), alipayPublicKey: draft.alipayPublicKey.trim() }
}

export function createBody (draft: StoreDraft): CreateStore {
  const alipay = alipayCredentials(draft)
  return {
    slug: draft.slug.trim(),
    name: draft.name.trim(),
    ...(draft.currency ? { currency: draft.currency } : {}),
    ...(draft.timezone.trim() ? { timezone: draft.timezone.trim() } : {}),
    ...(draft.paymentMode ? { paymentMode: draft.paymentMode } : {}),
    ...(alipay ? { alipay } : {}),
  }
}

/** Only what differs from the store as it is (an unchanged setting is not sealed again); {} when nothing did. */
export function updateBody (store: Store, draft: StoreDraft): Partial<UpdateStore> {
  const alipay = draft.dropAlipay ? null : alipayCredentials(draft)
  const name = draft.name.trim()
  const timezone = draft.timezone.trim()
  return {
    ...(name !== store.name ? { name } : {}),
    ...(draft.currency && draft.currency !== store.currency ? { currency: draft.currency } : {}),
    ...(timezone && timezone !== store.timezone ? { timezone } : {}),
    ...(draft.paymentMode && draft.paymentMode !== store.paymentMode ? { paymentMode: draft.paymentMode } : {}),
    ...(alipay !== undefined ? { alipay } : {}),
  }
}
