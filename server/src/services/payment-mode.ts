// The restaurant's payment mode: PAYMENT_MODE is the default, a manager's choice in the console (the
// settings table) wins. Read when a check opens; an open check keeps the mode it was opened in.
import type { Db } from '../db/database.js'
import { getSetting, setSetting } from '../repositories/settings.js'
import { PAYMENT_MODES, type PaymentMode } from '#shared/schemas/check.js'

const PAYMENT_MODE_KEY = 'payment_mode'

export async function currentPaymentMode (db: Db, fallback: PaymentMode): Promise<PaymentMode> {
  const stored = await getSetting(db, PAYMENT_MODE_KEY)
  return stored !== null && (PAYMENT_MODES as readonly string[]).includes(stored) ? stored as PaymentMode : fallback
}

export async function choosePaymentMode (db: Db, mode: PaymentMode): Promise<void> {
  await setSetting(db, PAYMENT_MODE_KEY, mode)
}
