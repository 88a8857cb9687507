// Primitive schemas reused across resources.
import { Type, type Static } from 'typebox'

export const IdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
export const UuidSchema = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
})
/** Integer minor units (fen). */
export const MoneySchema = Type.Integer({ minimum: 0, maximum: 10_000_000_000 })
/** ISO-8601 timestamp string. */
export const TimestampSchema = Type.String({ format: 'date-time' })

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = typeof LOCALES[number]

/** Text in every supported language: `{ en, "zh-CN" }`. */
export const LocalizedTextSchema = Type.Object({
  en: Type.String({ maxLength: 2000 }),
  'zh-CN': Type.String({ maxLength: 2000 }),
}, { additionalProperties: false })
export type LocalizedText = Static<typeof LocalizedTextSchema>

/** Every error body: `{ code, message }`; clients branch on `code`. */
export const ErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
})
export type ApiError = Static<typeof ErrorSchema>

export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false })
