// Prices typed by people in yuan ("12.5", "¥12.50", full-width "１２．５") to integer fen, and back for editing.

/** The largest price a field accepts (¥100,000.00): a typo with extra zeros is caught, not saved. */
export const MAX_PRICE_FEN = 10_000_000

export type PriceProblem = 'empty' | 'format' | 'decimals' | 'negative' | 'tooLarge'

export type PriceParse = { ok: true, fen: number } | { ok: false, problem: PriceProblem }

/** Full-width digits and punctuation (Chinese input methods) become ASCII; currency signs and spaces go. */
function normalize (text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, digit => String.fromCharCode(digit.charCodeAt(0) - 0xFF10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/[＋]/g, '+')
    .replace(/[¥￥\s,，]/g, '')
}

/**
 * Reads a yuan amount with at most two decimals as fen, exactly (no floating point on the way).
 * @param signed - allow "-3" / "+3" (price changes of options)
 */
export function parseYuan (text: string, signed = false): PriceParse {
  const clean = normalize(text)
  if (clean === '') return { ok: false, problem: 'empty' }
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(clean)
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return { ok: false, problem: 'format' }
  const [, sign, whole = '', fraction = ''] = match
  if (fraction.length > 2) return { ok: false, problem: 'decimals' }
  if (sign === '-' && !signed) return { ok: false, problem: 'negative' }
  const fen = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'))
  if (fen > MAX_PRICE_FEN) return { ok: false, problem: 'tooLarge' }
  return { ok: true, fen: sign === '-' && fen > 0 ? -fen : fen }
}

/** 1250 → "12.50", -300 → "-3.00": what a price field shows for an amount in fen. */
export function formatYuan (fen: number): string {
  const abs = Math.abs(Math.trunc(fen))
  const text = `${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
  return fen < 0 ? `-${text}` : text
}
