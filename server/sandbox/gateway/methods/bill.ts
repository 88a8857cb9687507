// alipay.data.dataservice.bill.downloadurl.query: a link to the day's trade bill, or isp.bill_not_exist when the
// day had no trades or refunds. Unlike Alipay, the emulator also gives today's bill (so far), for demos.
import { ledgerOfDay } from '../../bill/bill-ledger.js'
import { failure, success } from '../answer.js'
import { answer, field, type MethodSpec } from './context.js'

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

function isCalendarDay (text: string): boolean {
  const match = DAY.exec(text)
  return match !== null && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === text
}

export const billDownloadUrl: MethodSpec = {
  needsBizContent: true,
  run (ctx) {
    const type = field(ctx.biz, 'bill_type')
    if (type !== 'trade' && type !== 'signcustomer') return answer(failure(40004, 'isv.invalid-bill-type', '账单类型不正确'))
    const day = field(ctx.biz, 'bill_date') ?? ''
    // Monthly bills (yyyy-MM) exist at Alipay; the emulator keeps days only, so a month has "no bill".
    if (!isCalendarDay(day) && !/^\d{4}-\d{2}$/.test(day)) return answer(failure(40004, 'isv.invalid-bill-date', '账单时间格式不正确'))
    if (type !== 'trade' || !isCalendarDay(day) || ledgerOfDay(ctx.trades.store.all(), day).length === 0) {
      return answer(failure(40004, 'isp.bill_not_exist', '账单不存在'))
    }
    return answer(success({ bill_download_url: `${ctx.baseUrl}/bill/${ctx.bills.issue(day)}` }))
  },
}
