// Reasons staff give most often, offered as one-tap choices (the text sent is the translated sentence).

/** Longest reason the server accepts for a cancellation or a refund. */
export const MAX_REASON = 200

export const QUICK_CANCEL_REASONS = ['dinerLeft', 'soldOut', 'duplicate', 'dinerAsked'] as const
export const QUICK_REFUND_REASONS = ['dishMissing', 'quality', 'wrongDish', 'goodwill'] as const
/** Why a check with something still due is closed anyway (the money was taken another way). */
export const QUICK_CLOSE_REASONS = ['paidAtCounter', 'paidCash', 'onTheHouse'] as const
