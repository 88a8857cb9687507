// The one answer to "is a diner here, may the tablet reset, may it switch to a new version": pure, so the idle
// timer and the update both ask the same rule (the kiosk store gathers the facts into a TabletMoment).
import type { CheckoutPhase } from './stores/checkout'

/** What the diner sees; the pairing and loading screens come before any diner. */
export type DinerScreen = 'attract' | 'menu' | 'pay' | 'thanks' | 'bill'
export type TabletScreen = DinerScreen | 'pairing' | 'loading'

/** The screen follows the checkout: an order on its way or being paid shows the payment screen, a paid one (or, in tab
 * mode, one sent to the kitchen) the thanks.
 * The table's bill opens over the menu or the thanks, never over an order being sent or paid. */
export function screenOf (phase: CheckoutPhase, engaged: boolean, billOpen = false): DinerScreen {
  if (billOpen && (phase === 'cart' || phase === 'paid' || phase === 'sent')) return 'bill'
  if (phase === 'paid' || phase === 'sent') return 'thanks'
  if (phase !== 'cart') return 'pay'
  return engaged ? 'menu' : 'attract'
}

/** The facts about the tablet the rules below depend on. */
export interface TabletMoment {
  screen: TabletScreen
  /** The diner switched the language away from the default. */
  otherLanguage: boolean
  cartEmpty: boolean
  paymentOpen: boolean
  /** An order is on its way to the server (sending, or saved and waiting for the connection). */
  sending: boolean
  /** Orders saved in the outbox and not yet accepted by the server. */
  unsentOrders: number
  /** Staff have the device panel open. */
  staffMode: boolean
}

function isDinerScreen (screen: TabletScreen): screen is DinerScreen {
  return screen !== 'pairing' && screen !== 'loading'
}

/** Something of the current diner is on the tablet (a screen past the attract screen, their language, their cart). */
export function dinerPresent (moment: TabletMoment): boolean {
  return (isDinerScreen(moment.screen) && moment.screen !== 'attract') || moment.otherLanguage || !moment.cartEmpty
}

/** The idle reset may run: only with a diner to forget, never during a payment, with an order not yet sent, or for staff. */
export function mayReset (moment: TabletMoment): boolean {
  return isDinerScreen(moment.screen) && dinerPresent(moment) && !moment.staffMode && !moment.paymentOpen &&
    !moment.sending && moment.unsentOrders === 0
}

/** A waiting update is applied only on the attract screen with nothing of a diner left: a reload costs nobody anything. */
export function mayApplyUpdate (moment: TabletMoment): boolean {
  return moment.screen === 'attract' && !dinerPresent(moment) && !moment.paymentOpen && !moment.sending && !moment.staffMode
}
