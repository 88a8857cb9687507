// The ESC/POS commands Tablepad sends, and text as GB18030 (what Chinese thermal printers read in their
// Chinese mode; ASCII is the same bytes, so English tickets print on any ESC/POS printer).
//
// A small encoder rather than a library: tickets and receipts use seven fixed commands, each a few bytes from
// the ESC/POS reference, and the part that needs care (GB18030) is iconv-lite's. The common Node encoder
// (esc-pos-encoder) encodes text through single-byte code pages, which cannot print Chinese; its image,
// barcode and code-page tables would go unused. The test decoder (server/test/printing/escpos-decoder.ts)
// checks every byte sequence below.
import iconv from 'iconv-lite'

const ESC = 0x1b
const GS = 0x1d
const FS = 0x1c
const LF = 0x0a

export type Alignment = 'left' | 'center' | 'right'
const ALIGN_CODE: Readonly<Record<Alignment, number>> = { left: 0, center: 1, right: 2 }

/**
 * Characters GBK-only printers (most Chinese thermal printers) print wrongly: GB18030 gives them four-byte
 * codes outside GBK. The full-width forms are in GBK and mean the same on a ticket.
 */
const PRINTABLE_FORMS: Readonly<Record<string, string>> = { '¥': '￥', '•': '·', '–': '-', '—': '-', '×': 'x' }

/** Text as the printer reads it: GB18030, with the few characters above replaced. */
export function encodeText (text: string): Buffer {
  const printable = text.replace(/[¥•–—×]/g, char => PRINTABLE_FORMS[char] ?? char)
  return iconv.encode(printable, 'gb18030')
}

/** Builds one print job's bytes, command by command. */
export class EscPos {
  private readonly parts: Buffer[] = []

  private bytes (...values: number[]): this {
    this.parts.push(Buffer.from(values))
    return this
  }

  /** ESC @: back to the printer's defaults (size, bold, alignment), so a half-printed job before cannot leak into this one. */
  init (): this {
    return this.bytes(ESC, 0x40)
  }

  /** FS &: Chinese (double-byte) character mode, so GB18030 text prints as Hanzi rather than as pairs of symbols. */
  chineseMode (): this {
    return this.bytes(FS, 0x26)
  }

  /** ESC a n */
  align (alignment: Alignment): this {
    return this.bytes(ESC, 0x61, ALIGN_CODE[alignment])
  }

  /** ESC E n */
  bold (on: boolean): this {
    return this.bytes(ESC, 0x45, on ? 1 : 0)
  }

  /** GS ! n: character width and height multipliers, 1 to 8 each. */
  size (width: number, height: number): this {
    const clamp = (value: number): number => Math.min(8, Math.max(1, Math.round(value))) - 1
    return this.bytes(GS, 0x21, (clamp(width) << 4) | clamp(height))
  }

  /** Text then LF. */
  line (text = ''): this {
    if (text !== '') this.parts.push(encodeText(text))
    return this.bytes(LF)
  }

  /** ESC d n: feed n lines (the cutter sits a few lines above the print head). */
  feed (lines: number): this {
    return this.bytes(ESC, 0x64, Math.min(255, Math.max(0, lines)))
  }

  /** GS V B n: feed n dots, then a partial cut (the ticket hangs by a tab and does not fall on the floor). */
  cut (): this {
    return this.bytes(GS, 0x56, 0x42, 0)
  }

  build (): Buffer {
    return Buffer.concat(this.parts)
  }
}
