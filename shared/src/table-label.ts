// Which of a table's names a screen shows (no TypeBox here: the tablet's bundle imports it).

/** The Chinese name in zh-CN when the table has one, else its label (every other language, or no Chinese name). */
export function tableLabelIn (table: { label: string, labelZh?: string | null }, locale: string): string {
  return locale === 'zh-CN' && table.labelZh ? table.labelZh : table.label
}
