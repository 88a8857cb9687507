// Tables of the restaurant; `code` is the public, unguessable part of the phone-ordering link.
import { Type, type Static } from 'typebox'
import { IdSchema } from './common.js'

export const TableSchema = Type.Object({
  id: IdSchema,
  label: Type.String(),
  code: Type.String(),
  seats: Type.Integer({ minimum: 0 }),
})
export type Table = Static<typeof TableSchema>

export const CreateTableSchema = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' }),
  seats: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
}, { additionalProperties: false })
export type CreateTable = Static<typeof CreateTableSchema>

export const UpdateTableSchema = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' })),
  seats: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateTable = Static<typeof UpdateTableSchema>
