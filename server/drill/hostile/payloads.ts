// The raw material of hostile requests: poisoned bodies, bad parameters, garbled cookies, forged notifications.
import type { Random } from '../random.js'

/** Real ids of the drill's store, used only where a request cannot change anything (reads). */
export interface KnownIds {
  orderId: string
  tableId: string
  deviceId: string
  itemId: string
  staffId: string
}

export interface Body {
  contentType: string | null
  text: string
  kind: string
}

const MALFORMED_JSON = ['{"a":', "{'pin':'1234'}", '[', 'nul', '{"a":1,}', '\uFEFF{"a":1}', '{"a":1}{"b":2}', '{"a":"\\ud800"}', '{"a":1e999999}', '"unterminated', '{"lines":[{"itemId":]}', '']
const WRONG_TOP_LEVEL = ['123', '"text"', '[]', '[{}]', 'true', '-0', '1e309', '{"0":0}']
const PROTO_BODIES = [
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"lines":[{"__proto__":{"quantity":1}}]}',
  '{"a":{"b":{"__proto__":{"c":1}}}}',
]
const BAD_CONTENT_TYPES = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json\u0000x', 'application/octet-stream', 'image/svg+xml', 'application/ld+json', '*/*', '']

/** Near-valid bodies per route, so validation deeper than "is it an object" runs. */
function template (routeKey: string, ids: KnownIds, random: Random): Record<string, unknown> {
  switch (routeKey) {
    case 'POST /api/orders': return { clientOrderId: random.uuid(), lines: [{ itemId: ids.itemId, quantity: 1, optionIds: [] }] }
    case 'POST /api/orders/:id/payments': return { method: 'alipay_qr' }
    case 'POST /api/devices': return { name: 'Tablet', appVersion: '1.0.0' }
    case 'POST /api/staff/session': return { pin: '000000' }
    case 'POST /api/staff/devices/pair': return { pairingCode: '123456', tableId: ids.tableId }
    case 'POST /api/staff/tables': return { label: 'Hostile', seats: 4 }
    case 'PATCH /api/staff/tables/:id': return { label: 'Hostile' }
    case 'POST /api/staff/members': return { name: 'Eve', role: 'manager', pin: '1234' }
    case 'PATCH /api/staff/members/:id': return { role: 'manager' }
    case 'PATCH /api/staff/orders/:id': return { status: 'paid' }
    case 'POST /api/staff/payments/:id/refunds': return { amount: 100, reason: 'hostile' }
    case 'PATCH /api/staff/menu/items/:id': return { available: false, price: 1 }
    case 'POST /api/staff/menu/items': return { categoryId: ids.itemId, names: { en: 'X', 'zh-CN': 'X' }, price: 100 }
    case 'POST /api/staff/menu/categories': return { names: { en: 'X', 'zh-CN': 'X' } }
    case 'POST /api/staff/menu/reorder': return { categories: [ids.itemId] }
    case 'PATCH /api/staff/devices/:id': return { name: 'X', tableId: ids.tableId }
    default: return { name: 'x', id: ids.orderId, value: 1 }
  }
}

function swapType (value: unknown, random: Random): unknown {
  if (typeof value === 'string') return random.pick([1, -1, true, [value], { value }, 1.5])
  if (typeof value === 'number') return random.pick([String(value), [value], {}, true, 2 ** 60, -value - 1, value + 0.5])
  if (typeof value === 'boolean') return random.pick(['true', 1, [], {}])
  if (Array.isArray(value)) return random.pick(['[]', {}, 1, [[], [[]]], Array.from({ length: 500 }, () => value[0] ?? 1)])
  return random.pick(['{}', [], 1, 'x'])
}

/**
 * A body no route may accept: broken JSON, the wrong shape, an unknown field, a prototype key, too
 * big, or a form. Every mutation carries one, so a valid cookie can never make a hostile request
 * a legitimate change.
 */
export function poisonedBody (routeKey: string, ids: KnownIds, random: Random): Body {
  const json = 'application/json'
  switch (random.int(0, 7)) {
    case 0: return { contentType: json, text: random.pick(MALFORMED_JSON), kind: 'malformed-json' }
    case 1: return { contentType: json, text: random.pick(WRONG_TOP_LEVEL), kind: 'wrong-type' }
    case 2: return { contentType: json, text: random.pick(PROTO_BODIES), kind: 'proto-key' }
    case 3: {
      const size = random.pick([65 * 1024, 200 * 1024, 1024 * 1024])
      return { contentType: json, text: JSON.stringify({ ...template(routeKey, ids, random), pad: 'x'.repeat(size) }), kind: 'oversized' }
    }
    case 4: {
      const body = { ...template(routeKey, ids, random), [random.pick(['extra', 'isAdmin', 'total', 'status', 'role', 'refundedAmount'])]: random.pick([1, 'x', true, null]) }
      return { contentType: json, text: JSON.stringify(body), kind: 'unknown-field' }
    }
    case 5: {
      const body = template(routeKey, ids, random)
      const key = random.pick(Object.keys(body))
      // The swap may land on a type a union allows, so an unknown field keeps the body invalid.
      return { contentType: json, text: JSON.stringify({ ...body, [key]: swapType(body[key], random), unexpected: true }), kind: 'wrong-field-type' }
    }
    case 6: {
      const body = JSON.stringify({ ...template(routeKey, ids, random), unexpected: true })
      return { contentType: random.pick(BAD_CONTENT_TYPES) || null, text: body, kind: 'bad-content-type' }
    }
    default: {
      const fields = Object.entries({ ...template(routeKey, ids, random), unexpected: 'true' })
      return { contentType: 'application/x-www-form-urlencoded', text: fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&'), kind: 'form-body' }
    }
  }
}

const TRAVERSALS = ['..%2f..%2f..%2fetc%2fpasswd', '..', '%2e%2e%2f%2e%2e%2fpackage.json', '....%2f%2f', '..%5c..%5cwindows', '%252e%252e%252f', 'a%00b', '%00', '..%2fdata%2ftablepad.sqlite']
const ODD_IDS = ['__proto__', 'constructor', 'prototype', "' OR 1=1 --", '-1', '1e309', 'NaN', '%E0%A4%A', '%ZZ', '😀', 'ord_', 'x'.repeat(3000), '%20', '*', 'null', 'undefined']

/** A value for a path parameter: never a real id on a mutation. */
export function hostileParam (random: Random, name: string, realId: string | null): { value: string, kind: string } {
  if (realId !== null && random.chance(0.3)) return { value: realId, kind: 'real-id' }
  switch (random.int(0, 2)) {
    case 0: return { value: random.pick(TRAVERSALS), kind: 'path-traversal' }
    case 1: return { value: random.pick(ODD_IDS), kind: 'odd-id' }
    default: return { value: `${name === 'file' ? 'upl' : 'ord'}_${random.uuid().replace(/-/g, '').slice(0, 20)}`, kind: 'unknown-id' }
  }
}

export function hostileQuery (random: Random): string {
  return random.pick([
    '?status=__proto__', '?status=paid&status=placed', '?since=not-a-date', '?since=9999-99-99T99:99:99Z', '?limit=-1',
    '?limit=1e309', '?__proto__[admin]=1', '?constructor[prototype][x]=1', `?q=${'x'.repeat(8000)}`, '?a[b][c]=d',
    '?lastEventId=%ZZ', '?status=' + encodeURIComponent("' OR 1=1 --"), '?%00=1', '?format=csv&from=2020-13-45',
  ])
}

export function garbledCookie (random: Random, valid: { device: string, staff: string }): string {
  return random.pick([
    'tp_device=garbage', 'tp_staff=garbage', `tp_device=${'A'.repeat(4000)}`, 'tp_device=%E0%A4%A', 'tp_staff=%ZZ;tp_staff=1',
    'tp_device=; tp_staff=', 'tp_device', '=;=;=', `${valid.device.slice(0, -4)}AAAA`, `${valid.staff.slice(0, -4)}AAAA`,
    `tp_staff=${valid.device.split('=')[1] ?? ''}`, `tp_device=${valid.staff.split('=')[1] ?? ''}`, 'tp_device=__proto__', 'tp_staff=constructor',
  ])
}

/** Notifications no key signed: bad signatures, missing fields, odd charsets, broken encoding. */
export function forgedNotification (random: Random, ids: KnownIds): Body {
  const fields: Record<string, string> = {
    notify_time: '2026-01-01 12:00:00',
    notify_type: 'trade_status_sync',
    notify_id: random.uuid(),
    app_id: random.pick(['2021000000000001', '1', '']),
    charset: random.pick(['utf-8', 'gbk', 'x-unknown', 'utf-16']),
    version: '1.0',
    sign_type: random.pick(['RSA2', 'RSA', 'MD5', 'none']),
    sign: random.pick(['', 'AAAA', Buffer.from(random.uuid()).toString('base64'), '%%%']),
    trade_no: `2026${random.int(1e9, 9e9)}`,
    out_trade_no: random.pick([`pay_${random.uuid().slice(0, 12)}`, ids.orderId, '', '__proto__']),
    trade_status: random.pick(['TRADE_SUCCESS', 'TRADE_FINISHED', 'TRADE_CLOSED', 'WAIT_BUYER_PAY', 'HACKED']),
    total_amount: random.pick(['10.00', '-1', '0.001', 'NaN', '99999999999']),
  }
  if (random.chance(0.3)) delete fields.sign
  let text = Object.entries(fields).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
  if (random.chance(0.2)) text += random.pick(['&sign=dup', '&%ZZ=1', '&=', `&pad=${'x'.repeat(40_000)}`, '&__proto__[x]=1'])
  return { contentType: random.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=gbk', 'application/json', 'text/plain']), text, kind: 'forged-notify' }
}
