// Tables of the restaurant; `code` is the public, unguessable part of the phone-ordering link.
import { Type, type Static } from 'typebox'
import { IdSchema } from './common.js'

const LabelSchema = Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' })
/** The table's name in Chinese ("窗边 1"); null (or absent) when it has none and `label` is shown in every language. */
const LabelZhSchema = Type.Union([LabelSchema, Type.Null()])

export const TableSchema = Type.Object({
  id: IdSchema,
  label: Type.String(),
  labelZh: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  code: Type.String(),
  seats: Type.Integer({ minimum: 0 }),
})
export type Table = Static<typeof TableSchema>

export const CreateTableSchema = Type.Object({
  label: LabelSchema,
  labelZh: Type.Optional(LabelZhSchema),
  seats: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
}, { additionalProperties: false })
export type CreateTable = Static<typeof CreateTableSchema>

export const UpdateTableSchema = Type.Object({
  label: Type.Optional(LabelSchema),
  /** null removes the Chinese name. */
  labelZh: Type.Optional(LabelZhSchema),
  seats: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateTable = Static<typeof UpdateTableSchema>

