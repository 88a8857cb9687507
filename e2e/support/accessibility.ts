// axe-core on a screen as it is now: WCAG 2.1 A/AA rules, every violation listed with the elements it names.
import { AxeBuilder } from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export interface AccessibilityOptions {
  /**
   * A table tablet in kiosk mode locks zoom on purpose (kiosk/src/tablet/lib/kiosk-viewport.ts): a pinch would
   * leave a shared screen zoomed for the next diner. Phones and the console keep zoom, and are checked for it.
   */
  kiosk?: boolean
  /**
   * Every part of the screen sits in a landmark (axe's "region" rule, a best practice on top of WCAG's): a screen
   * reader user jumping by landmark reaches all of it. The console is checked for it.
   */
  landmarks?: boolean
}

/** Fails with axe's findings when the page as shown breaks a WCAG 2.1 A or AA rule. */
export async function expectAccessible (page: Page, screen: string, options: AccessibilityOptions = {}): Promise<void> {
  const builder = new AxeBuilder({ page })
  // Rules enabled here run on top of the WCAG tags chosen below (axe's runOnly + rules).
  if (options.landmarks) builder.options({ rules: { region: { enabled: true } } })
  if (options.kiosk) builder.disableRules(['meta-viewport'])
  const { violations } = await builder
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // The emulator's cashier is Alipay's own page in real life, not ours.
    .exclude('iframe[name="sandbox-cashier"]')
    .analyze()
  const found = violations.map(rule => `${rule.id} (${rule.impact ?? 'n/a'}): ${rule.help} — ${rule.nodes.map(node => node.target.join(' ')).join(', ')}`)
  expect(found, `accessibility of ${screen}`).toEqual([])
}
