// Menu endpoint, read conditionally so an unchanged menu costs a 304.
import type { Menu } from '@shared/schemas/menu'
import { requestRaw } from '@/core/api/client'

export interface MenuResult {
  menu: Menu
  etag: string | null
}

/** The menu, or null when it still matches `etag`. */
export async function getMenu (etag?: string | null): Promise<MenuResult | null> {
  const headers: Record<string, string> = etag ? { 'If-None-Match': etag } : {}
  const result = await requestRaw<Menu>('GET', '/api/menu', { headers })
  if (result.status === 304 || result.data === null) return null
  return { menu: result.data, etag: result.headers.get('etag') }
}
