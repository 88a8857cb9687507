// GET /bill/:token: the trade bill zip a bill query's bill_download_url points at.
import type { FastifyInstance } from 'fastify'
import type { Sandbox } from '../sandbox.js'
import { ledgerOfDay } from './bill-ledger.js'

// The zip (fflate, csv-stringify, GBK) loads on the first download, not with the emulator: the built-in emulator
// runs inside the production server in sandbox-local mode, whose idle memory is kept small (issue 11). Cached by Node.
const loadBillZip = async () => import('./bill-zip.js')

export function registerBillRoutes (fastify: FastifyInstance, sandbox: Sandbox): void {
  fastify.get<{ Params: { token: string } }>('/bill/:token', async (request, reply) => {
    const day = sandbox.bills.dayOf(request.params.token)
    if (day === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('账单链接无效或已过期')
    const { billZip } = await loadBillZip()
    const zip = billZip({ pid: sandbox.sellerId, day, exportedAt: sandbox.now() }, ledgerOfDay(sandbox.trades.store.all(), day))
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${sandbox.sellerId}_${day.replaceAll('-', '')}.csv.zip"`)
      .send(Buffer.from(zip))
  })
}
