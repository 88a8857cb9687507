// The few words printed on tickets and receipts, in each printer language (the kitchen's, set per printer).
import type { PrinterLanguage } from '#shared/schemas/printer.js'
import type { CancelReason } from '#shared/schemas/order.js'

export interface TicketWords {
  table: string
  order: string
  note: string
  orderNote: string
  reprint: string
  /** The cancel ticket's banner, at its top and foot. */
  cancelled: string
  doNotPrepare: string
  placedAt: string
  cancelledAt: string
  reason: string
  /** The server's own cancel reasons, in words (staff type theirs). */
  cancelReasons: Readonly<Record<CancelReason, string>>
  receipt: string
  subtotal: string
  total: string
  paidByAlipay: string
  tradeNo: string
  paidAt: string
  refunded: string
  notPaid: string
  thanks: string
  testTitle: string
  testBody: string
  testSample: string
}

export const TICKET_WORDS: Readonly<Record<PrinterLanguage, TicketWords>> = {
  en: {
    table: 'Table',
    order: 'Order',
    note: 'Note',
    orderNote: 'Order note',
    reprint: '*** REPRINT ***',
    cancelled: '*** CANCELLED ***',
    doNotPrepare: 'Do not prepare',
    placedAt: 'Placed',
    cancelledAt: 'Cancelled',
    reason: 'Reason',
    cancelReasons: { payment_abandoned: 'Not paid' },
    receipt: 'Receipt',
    subtotal: 'Subtotal',
    total: 'Total',
    paidByAlipay: 'Paid by Alipay',
    tradeNo: 'Alipay trade no.',
    paidAt: 'Paid at',
    refunded: 'Refunded',
    notPaid: 'Not paid yet',
    thanks: 'Thank you!',
    testTitle: 'Test print',
    testBody: 'This printer is set up in Tablepad.',
    testSample: 'Chinese sample: 宫保鸡丁 中文测试',
  },
  'zh-CN': {
    table: '桌号',
    order: '订单',
    note: '备注',
    orderNote: '整单备注',
    reprint: '*** 重印 ***',
    cancelled: '*** 已取消 ***',
    doNotPrepare: '请勿制作',
    placedAt: '下单',
    cancelledAt: '取消',
    reason: '取消原因',
    cancelReasons: { payment_abandoned: '未付款' },
    receipt: '收据',
    subtotal: '小计',
    total: '合计',
    paidByAlipay: '支付宝支付',
    tradeNo: '支付宝交易号',
    paidAt: '支付时间',
    refunded: '已退款',
    notPaid: '尚未支付',
    thanks: '谢谢惠顾！',
    testTitle: '打印测试',
    testBody: '此打印机已在 Tablepad 中设置。',
    testSample: 'English sample: Kung Pao Chicken',
  },
}
