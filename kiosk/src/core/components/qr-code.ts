// The qrcode package, loaded on demand: only the pairing and payment screens draw codes, so it stays out of the first bundle.
import type * as QrCodeLib from './qr-code-lib'

type QrCodeModule = typeof QrCodeLib

let loading: Promise<QrCodeModule> | null = null

export function loadQrCode (): Promise<QrCodeModule> {
  loading ??= import('./qr-code-lib').catch((error: unknown) => {
    // A failed load (flaky Wi-Fi) is tried again on the next code to draw.
    loading = null
    throw error
  })
  return loading
}
