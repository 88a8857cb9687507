// The paper a printed Z-report goes on: an 80 mm receipt roll or an A4 sheet. @page cannot be switched by a
// class, so the page rule lives in a <style> of its own while the day's screen is open, rewritten on a switch.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'

export const PAPERS = ['80mm', 'a4'] as const
export type Paper = typeof PAPERS[number]

export function isPaper (value: unknown): value is Paper {
  return typeof value === 'string' && (PAPERS as readonly string[]).includes(value)
}

/** Margins of a receipt: thermal printers cannot print to the paper's edge. */
const RECEIPT_MARGIN_MM = 3
const PX_PER_MM = 96 / 25.4

/**
 * The @page rule for the paper. A receipt is one long page as tall as its content (measured in CSS pixels on
 * screen, where the sheet is shown at its printed width), so the roll is cut once, after the report.
 */
export function pageRule (paper: Paper, contentHeightPx: number): string {
  if (paper === 'a4') return '@page { size: A4 portrait; margin: 14mm; }'
  const height = Math.max(100, Math.ceil(contentHeightPx / PX_PER_MM) + 2 * RECEIPT_MARGIN_MM + 10)
  return `@page { size: 80mm ${height}mm; margin: ${RECEIPT_MARGIN_MM}mm; }`
}

/** Keeps the document's @page rule on `paper`, with a receipt as tall as `sheet` measures. */
export function usePrintPage (paper: Ref<Paper>, sheet: Ref<HTMLElement | null>): void {
  let style: HTMLStyleElement | null = null
  let observer: ResizeObserver | null = null

  function write (): void {
    if (!style) return
    style.textContent = pageRule(paper.value, sheet.value?.getBoundingClientRect().height ?? 0)
  }

  onMounted(() => {
    style = document.createElement('style')
    style.dataset.testid = 'day-page-rule'
    style.media = 'print'
    document.head.append(style)
    write()
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(write)
      watch(sheet, (element, previous) => {
        if (previous) observer?.unobserve(previous)
        if (element) observer?.observe(element)
        write()
      }, { immediate: true })
    }
  })
  watch(paper, write)
  onBeforeUnmount(() => {
    observer?.disconnect()
    style?.remove()
    style = null
  })
}
