// Reads ESC/POS bytes back the way a printer would: each command Tablepad sends becomes an entry, text between
// line feeds is decoded from GB18030, and every printed line carries the style in force when it printed.
// Any other byte sequence is an error: a test then sees exactly what the encoder produced.
import iconv from 'iconv-lite'

export type Command =
  | { cmd: 'init' } | { cmd: 'chinese' } | { cmd: 'align', value: number } | { cmd: 'bold', value: number }
  | { cmd: 'size', width: number, height: number } | { cmd: 'feed', value: number } | { cmd: 'cut', mode: number }
  | { cmd: 'text', text: string }

export interface PrintedLine {
  text: string
  width: number
  height: number
  bold: boolean
  align: 'left' | 'center' | 'right'
}

export interface DecodedJob {
  commands: Command[]
  lines: PrintedLine[]
  /** Every printed line, joined with newlines. */
  text: string
}

const ALIGN = ['left', 'center', 'right'] as const

export function decodeEscPos (bytes: Buffer): DecodedJob {
  const commands: Command[] = []
  const lines: PrintedLine[] = []
  const style = { width: 1, height: 1, bold: false, align: 'left' as PrintedLine['align'] }
  let text: number[] = []
  const at = (index: number): number => {
    if (index >= bytes.length) throw new Error(`command cut short at byte ${index}`)
    return bytes[index]!
  }
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!
    if (byte === 0x0a) {
      const line = iconv.decode(Buffer.from(text), 'gb18030')
      commands.push({ cmd: 'text', text: line })
      lines.push({ text: line, ...style })
      text = []
    } else if (byte === 0x1b) {
      const op = at(++i)
      if (op === 0x40) {
        commands.push({ cmd: 'init' })
        Object.assign(style, { width: 1, height: 1, bold: false, align: 'left' })
      } else if (op === 0x61) {
        const value = at(++i)
        commands.push({ cmd: 'align', value })
        style.align = ALIGN[value] ?? 'left'
      } else if (op === 0x45) {
        const value = at(++i)
        commands.push({ cmd: 'bold', value })
        style.bold = value === 1
      } else if (op === 0x64) {
        commands.push({ cmd: 'feed', value: at(++i) })
      } else {
        throw new Error(`unknown ESC command 0x${op.toString(16)} at byte ${i}`)
      }
    } else if (byte === 0x1d) {
      const op = at(++i)
      if (op === 0x21) {
        const value = at(++i)
        commands.push({ cmd: 'size', width: (value >> 4) + 1, height: (value & 0x0f) + 1 })
        style.width = (value >> 4) + 1
        style.height = (value & 0x0f) + 1
      } else if (op === 0x56) {
        const mode = at(++i)
        // Functions A and B (65, 66) take a feed amount; 0/1/48/49 do not.
        if (mode === 65 || mode === 66) at(++i)
        commands.push({ cmd: 'cut', mode })
      } else {
        throw new Error(`unknown GS command 0x${op.toString(16)} at byte ${i}`)
      }
    } else if (byte === 0x1c) {
      const op = at(++i)
      if (op !== 0x26) throw new Error(`unknown FS command 0x${op.toString(16)} at byte ${i}`)
      commands.push({ cmd: 'chinese' })
    } else if (byte < 0x20) {
      throw new Error(`unexpected control byte 0x${byte.toString(16)} at ${i}`)
    } else {
      text.push(byte)
    }
  }
  if (text.length > 0) throw new Error('text after the last line feed is never printed')
  return { commands, lines, text: lines.map(line => line.text).join('\n') }
}
