// The encoder's bytes, the ticket layouts and the column arithmetic, read back through the test decoder.
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { EscPos, encodeText } from '../../src/printing/escpos.js'
import { displayWidth, spread, wrap } from '../../src/printing/columns.js'
import { kitchenTicket } from '../../src/printing/kitchen-ticket.js'
import { receipt } from '../../src/printing/receipt.js'
import { routeLines } from '../../src/printing/routing.js'
import { decodeEscPos } from './escpos-decoder.js'

describe('ESC/POS encoder', () => {
  it('sends each command as the ESC/POS reference spells it', () => {
    const bytes = new EscPos().init().chineseMode().align('center').bold(true).size(2, 2).line('A').feed(3).cut().build()
    expect([...bytes]).toEqual([
      0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11, 0x41, 0x0a, 0x1b, 0x64, 3, 0x1d, 0x56, 0x42, 0,
    ])
  })

  it('encodes Chinese as GB18030 (two bytes a character for GBK ones) and the yuan sign in its GBK full-width form', () => {
    expect([...encodeText('宫保')]).toEqual([...iconv.encode('宫保', 'gb18030')])
    expect(encodeText('宫保').length).toBe(4)
    expect([...encodeText('¥5')]).toEqual([0xa3, 0xa4, 0x35])
    expect(decodeEscPos(new EscPos().line('麻婆豆腐 Mapo').build()).text).toBe('麻婆豆腐 Mapo')
  })

  it('clamps sizes to the 1–8 the command can carry', () => {
    expect(decodeEscPos(new EscPos().size(0, 12).build()).commands).toEqual([{ cmd: 'size', width: 1, height: 8 }])
  })
})

describe('columns', () => {
  it('counts a Chinese character as two columns', () => {
    expect(displayWidth('Tea 茶')).toBe(6)
  })

  it('wraps English at spaces and Chinese anywhere, indenting what follows', () => {
    expect(wrap('2 x Braised pork belly with preserved greens', 24, 2)).toEqual(['2 x Braised pork belly', '  with preserved greens'])
    expect(wrap('一二三四五六七', 6)).toEqual(['一二三', '四五六', '七'])
    for (const line of wrap('Supercalifragilisticexpialidocious soup', 10, 2)) expect(displayWidth(line)).toBeLessThanOrEqual(10)
  })

  it('puts a price flush right, below a name too long to share its line', () => {
    expect(spread('Tea', '$5.00', 12)).toEqual(['Tea    $5.00'])
    expect(spread('Jasmine tea pot', '$5.00', 16)).toEqual(['Jasmine tea pot', '           $5.00'])
    // The yuan sign prints full-width (two columns).
    expect(spread('Tea', '¥5.00', 12)).toEqual(['Tea   ¥5.00'])
  })
})

describe('kitchen ticket', () => {
  const ticket = kitchenTicket({
    language: 'en',
    tableLabel: 'Window 3',
    orderNumber: 42,
    date: '2026-03-01',
    time: '12:34',
    lines: [{ quantity: 2, name: 'Mapo Tofu', options: ['Hot', 'Beef'], note: 'no peanuts' }],
    orderNote: 'Birthday',
    reprint: true,
    printerName: 'Kitchen',
  })
  const job = decodeEscPos(ticket)

  it('starts from the defaults in Chinese mode and ends with a feed and a cut', () => {
    expect(job.commands.slice(0, 2)).toEqual([{ cmd: 'init' }, { cmd: 'chinese' }])
    expect(job.commands.slice(-2)).toEqual([{ cmd: 'feed', value: 4 }, { cmd: 'cut', mode: 66 }])
  })

  it('prints table, number and time in a bold centred header, and each dish, option and note in large type', () => {
    const line = (text: string) => job.lines.find(candidate => candidate.text.trim() === text)
    expect(line('*** REPRINT ***')).toMatchObject({ bold: true })
    expect(line('Table Window 3')).toMatchObject({ width: 2, height: 2, bold: true, align: 'center' })
    expect(line('Order #42')).toMatchObject({ width: 2, height: 2, bold: true, align: 'center' })
    expect(line('2026-03-01 12:34')).toMatchObject({ align: 'center' })
    expect(line('2 x Mapo Tofu')).toMatchObject({ width: 2, height: 2, bold: true, align: 'left' })
    expect(line('+ Hot')).toMatchObject({ width: 2, height: 2 })
    expect(line('! Note: no peanuts')).toMatchObject({ width: 2, height: 2 })
    expect(line('Order note: Birthday')).toMatchObject({ width: 2, height: 2 })
  })

  it('keeps every large line within the 24 columns of double-width type', () => {
    for (const printed of job.lines.filter(candidate => candidate.width === 2)) expect(displayWidth(printed.text)).toBeLessThanOrEqual(24)
  })
})

describe('receipt', () => {
  it('lists the dishes with prices, the total and the Alipay trade number', () => {
    const job = decodeEscPos(receipt({
      language: 'zh-CN',
      storeName: '荷塘小馆',
      tableLabel: '窗边 3',
      orderNumber: 7,
      placedAt: '2026-03-01 12:34',
      lines: [{ quantity: 1, name: '麻婆豆腐', options: ['牛肉 (+¥6.00)'], note: null, lineTotal: '¥38.00' }],
      subtotal: null,
      total: '¥38.00',
      payments: [{ amount: '¥38.00', tradeNo: '2026030122001400001', paidAt: '2026-03-01 12:40', refunded: null }],
    }))
    expect(job.text).toContain('订单 #7  桌号 窗边 3')
    expect(job.lines.find(line => line.text.startsWith('1 x 麻婆豆腐'))?.text).toMatch(/￥38\.00$/)
    expect(job.text).toContain('支付宝交易号: 2026030122001400001')
    expect(job.lines.find(line => line.text.startsWith('合计'))).toMatchObject({ bold: true, height: 2 })
    expect(job.commands.at(-1)).toEqual({ cmd: 'cut', mode: 66 })
  })
})

describe('routing', () => {
  const printers = [
    { id: 'bar', routing: 'categories' as const, categoryIds: ['cat_drinks'] },
    { id: 'kitchen', routing: 'rest' as const, categoryIds: [] },
    { id: 'counter', routing: 'none' as const, categoryIds: [] },
  ]

  it('sends drinks to the bar and everything else to the kitchen; a counter printer gets no tickets', () => {
    const routed = routeLines(printers, [{ lineNo: 1, categoryId: 'cat_wok' }, { lineNo: 2, categoryId: 'cat_drinks' }, { lineNo: 3, categoryId: 'cat_soups' }])
    expect(Object.fromEntries(routed)).toEqual({ bar: [2], kitchen: [1, 3] })
  })

  it('leaves out a printer with nothing of the order', () => {
    expect(Object.fromEntries(routeLines(printers, [{ lineNo: 1, categoryId: 'cat_drinks' }]))).toEqual({ bar: [1] })
  })
})
