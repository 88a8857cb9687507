// Laying text out in a thermal printer's columns: 48 per line on 80 mm paper in the normal font, where a
// Chinese character (two bytes in GB18030) takes two columns. Double-width type halves the columns.

/** Columns of an 80 mm printer (576 dots, 12-dot font A), the kitchen standard. */
export const PAPER_COLUMNS = 48

/** Columns `text` takes: two for each character beyond ASCII (printed double-byte), one otherwise. */
export function displayWidth (text: string): number {
  let width = 0
  for (const char of text) width += char.codePointAt(0)! < 0x80 ? 1 : 2
  return width
}

/**
 * `text` in lines of at most `columns`, broken at spaces where there are some (English) and between any two
 * characters otherwise (Chinese has no spaces); lines after the first start with `indent` spaces.
 */
export function wrap (text: string, columns: number, indent = 0): string[] {
  const lines: string[] = []
  let current = ''
  let width = 0
  const room = (): number => columns - (lines.length === 0 ? 0 : indent)
  const push = (): void => {
    lines.push((lines.length === 0 ? '' : ' '.repeat(indent)) + current.trimEnd())
    current = ''
    width = 0
  }
  for (const word of text.trim().split(/(\s+)/)) {
    if (word === '') continue
    const wordWidth = displayWidth(word)
    if (/^\s+$/.test(word)) {
      if (width > 0 && width < room()) { current += ' '; width += 1 }
      continue
    }
    if (width + wordWidth <= room()) {
      current += word
      width += wordWidth
      continue
    }
    // A word that fits on a line of its own starts one; a longer one (or Chinese) is broken where the line ends.
    if (width > 0 && wordWidth <= columns - indent) push()
    for (const char of word) {
      const charWidth = displayWidth(char)
      if (width + charWidth > room()) push()
      current += char
      width += charWidth
    }
  }
  if (current.trim() !== '' || lines.length === 0) push()
  return lines
}

/** `left` and `right` on one line of `columns`, `right` flush right; `left` wraps above when both do not fit. */
export function spread (left: string, right: string, columns: number): string[] {
  const rightWidth = displayWidth(right)
  const lines = wrap(left, columns)
  const last = lines[lines.length - 1]!
  const gap = columns - displayWidth(last) - rightWidth
  if (gap >= 1) lines[lines.length - 1] = last + ' '.repeat(gap) + right
  else lines.push(' '.repeat(Math.max(0, columns - rightWidth)) + right)
  return lines
}

/** A rule across the paper. */
export function rule (columns: number, char = '-'): string {
  return char.repeat(columns)
}
