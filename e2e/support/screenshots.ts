// Screenshots of the main screens for people to look at (test-results/screenshots, git-ignored); never an assertion.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots')

/** Saves `<name>.png` once the pictures on screen and the fonts have loaded, with animations stopped. */
export async function saveScreenshot (page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await expect.poll(() => page.evaluate(async () => {
    await document.fonts.ready
    return Array.from(document.images)
      .filter((image) => {
        const box = image.getBoundingClientRect()
        return box.width > 0 && box.bottom > 0 && box.top < window.innerHeight
      })
      .every(image => image.complete)
  }), { message: 'pictures on screen loaded' }).toBe(true)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' })
}
