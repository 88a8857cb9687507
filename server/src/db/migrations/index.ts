// The numbered migrations, in order. Append only: never edit one that has shipped.
import type { Migration } from 'kysely'
import * as core from './001-core.js'
import * as tableRemoval from './002-table-removal.js'
import * as payments from './003-payments.js'
import * as menuEditing from './004-menu-editing.js'
import * as qrDeadline from './005-qr-deadline.js'
import * as checks from './006-checks.js'
import * as checksByTable from './007-checks-by-table.js'
import * as reports from './008-reports.js'
import * as businessDays from './009-business-days.js'
import * as billReconciliations from './010-bill-reconciliations.js'
import * as salesDays from './011-sales-days.js'
import * as printers from './012-printers.js'
import * as ordersService from './013-orders-service.js'
import * as tableNames from './014-table-names.js'
import * as eventLog from './015-event-log.js'
import * as leases from './016-leases.js'
import * as sharedLimits from './017-shared-limits.js'
import * as mediaBlobs from './018-media-blobs.js'
import * as stores from './019-stores.js'

export const migrations: Record<string, Migration> = {
  '001-core': core,
  '002-table-removal': tableRemoval,
  '003-payments': payments,
  '004-menu-editing': menuEditing,
  '005-qr-deadline': qrDeadline,
  '006-checks': checks,
  '007-checks-by-table': checksByTable,
  '008-reports': reports,
  '009-business-days': businessDays,
  '010-bill-reconciliations': billReconciliations,
  '011-sales-days': salesDays,
  '012-printers': printers,
  '013-orders-service': ordersService,
  '014-table-names': tableNames,
  '015-event-log': eventLog,
  '016-leases': leases,
  '017-shared-limits': sharedLimits,
  '018-media-blobs': mediaBlobs,
  '019-stores': stores,
}
