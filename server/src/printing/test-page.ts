// The page a manager prints from the console to see that a printer is reachable and prints both languages.
import { EscPos } from './escpos.js'
import { TICKET_WORDS } from './ticket-words.js'
import type { PrinterLanguage } from '#shared/schemas/printer.js'

export interface TestPage {
  language: PrinterLanguage
  printerName: string
  /** host:port as set in the console. */
  address: string
  /** Store-local "YYYY-MM-DD HH:mm". */
  printedAt: string
}

export function testPage (page: TestPage): Buffer {
  const words = TICKET_WORDS[page.language]
  return new EscPos().init().chineseMode()
    .align('center').bold(true).size(2, 2).line(words.testTitle)
    .size(1, 1).line(page.printerName).bold(false)
    .line(page.address)
    .line(page.printedAt)
    .line()
    .align('left').line(words.testBody)
    .line(words.testSample)
    .feed(4).cut().build()
}
