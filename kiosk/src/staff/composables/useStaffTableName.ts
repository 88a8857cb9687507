// A table's name in the console's language: orders and devices carry the label; the Chinese name comes from the tables the console knows.
import { useI18n } from 'vue-i18n'
import { tableLabelIn } from '@shared/table-label'
import { useStaffFloorStore } from '@/staff/stores/staff-floor'

export function useStaffTableName () {
  const { locale } = useI18n()
  const floor = useStaffFloorStore()

  /**
   * @param tableId - the table (an order's, a tablet's); unknown tables keep their label
   * @param label - the label as the order or device carries it (a removed table's stays as it was)
   */
  return function tableName (tableId: string | null | undefined, label: string): string {
    const table = tableId ? floor.tablesById.get(tableId) : undefined
    return tableLabelIn({ label, labelZh: table?.labelZh }, locale.value)
  }
}
