// Kitchen and counter printers (ESC/POS over TCP, docs/printers.md): how the console sets them up and what it sees.
import { Type, type Static } from 'typebox'
import { IdSchema, TimestampSchema } from './common.js'

/** The port networked thermal printers listen on for raw ESC/POS ("JetDirect" / raw 9100). */
export const DEFAULT_PRINTER_PORT = 9100

export const PRINTER_LANGUAGES = ['en', 'zh-CN'] as const
export type PrinterLanguage = typeof PRINTER_LANGUAGES[number]

/**
 * Which dishes of an order go to the printer as a kitchen ticket:
 * `categories` — the dishes of `categoryIds` (drinks to the bar);
 * `rest` — every dish no `categories` printer takes (everything else to the kitchen);
 * `none` — no kitchen tickets (a counter printer for receipts).
 */
export const PrinterRoutingEnum = { CATEGORIES: 'categories', REST: 'rest', NONE: 'none' } as const
export type PrinterRouting = typeof PrinterRoutingEnum[keyof typeof PrinterRoutingEnum]
export const PRINTER_ROUTINGS = Object.values(PrinterRoutingEnum)

const NameSchema = Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' })
/** An IPv4/IPv6 address or a host name on the restaurant's network; no scheme, no port. */
const HostSchema = Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:_-]+$' })
const PortSchema = Type.Integer({ minimum: 1, maximum: 65535 })
const CategoryIdsSchema = Type.Array(IdSchema, { maxItems: 100, uniqueItems: true })

/** How the printer is doing, as the server last saw it. */
export const PrinterStateSchema = Type.Object({
  /** Jobs waiting for it (tickets, receipts, test pages), oldest first. */
  queued: Type.Integer({ minimum: 0 }),
  /** Since when sending to it fails; null while it prints. */
  failingSince: Type.Union([TimestampSchema, Type.Null()]),
  /** The last failure's system code (ECONNREFUSED, ETIMEDOUT, …); null while it prints. */
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastPrintedAt: Type.Union([TimestampSchema, Type.Null()]),
})
export type PrinterState = Static<typeof PrinterStateSchema>

export const PrinterSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  host: Type.String(),
  port: PortSchema,
  language: Type.Enum(PRINTER_LANGUAGES),
  routing: Type.Enum(PRINTER_ROUTINGS),
  categoryIds: Type.Array(IdSchema),
  state: PrinterStateSchema,
  createdAt: TimestampSchema,
})
export type Printer = Static<typeof PrinterSchema>

export const CreatePrinterSchema = Type.Object({
  name: NameSchema,
  host: HostSchema,
  port: Type.Optional(PortSchema),
  language: Type.Enum(PRINTER_LANGUAGES),
  routing: Type.Enum(PRINTER_ROUTINGS),
  /** Required (non-empty) when routing is `categories`; ignored otherwise. */
  categoryIds: Type.Optional(CategoryIdsSchema),
}, { additionalProperties: false })
export type CreatePrinter = Static<typeof CreatePrinterSchema>

export const UpdatePrinterSchema = Type.Object({
  name: Type.Optional(NameSchema),
  host: Type.Optional(HostSchema),
  port: Type.Optional(PortSchema),
  language: Type.Optional(Type.Enum(PRINTER_LANGUAGES)),
  routing: Type.Optional(Type.Enum(PRINTER_ROUTINGS)),
  categoryIds: Type.Optional(CategoryIdsSchema),
}, { additionalProperties: false, minProperties: 1 })
export type UpdatePrinter = Static<typeof UpdatePrinterSchema>

/** POST /api/staff/orders/:id/print: every printer the order's dishes go to, or all of it on one printer. */
export const ReprintSchema = Type.Union([
  Type.Object({ printerId: Type.Optional(IdSchema) }, { additionalProperties: false }),
  Type.Null(),
])
export type Reprint = Static<typeof ReprintSchema>

/** POST /api/staff/orders/:id/receipt */
export const ReceiptRequestSchema = Type.Object({ printerId: IdSchema }, { additionalProperties: false })
export type ReceiptRequest = Static<typeof ReceiptRequestSchema>

/** The jobs a print request queued (202: they print as soon as their printer takes them). */
export const PrintQueuedSchema = Type.Object({
  jobs: Type.Array(Type.Object({ id: Type.Integer(), printerId: IdSchema })),
})
export type PrintQueued = Static<typeof PrintQueuedSchema>
