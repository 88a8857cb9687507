// Pinned MAPI vectors, each computed on the command line (the command is next to it) with the keys of keys.ts
// (written out as merchant-private.pem / alipay-private.pem) and MD5_KEY = kx8lq2m7z0r4t9w1c6v3b5n8h2j4p7s0.

export const EXTEND = '{"secondary_merchant_id":"A80001","secondary_merchant_name":"金龍酒家 Golden Dragon","secondary_merchant_industry":"5812",' +
  '"store_id":"store-01","store_name":"Central","terminal_id":"pad-12"}'

/** A precreate request as the client builds it, in no particular order, with what must not be signed. */
export const PRECREATE_PARAMS = {
  service: 'alipay.acquire.precreate',
  partner: '2088101122136241',
  _input_charset: 'UTF-8',
  timestamp: '2024-05-13 17:49:20',
  out_trade_no: 'pay_0001',
  subject: '桌 12 · 宫保鸡丁 & 米饭',
  product_code: 'OVERSEAS_MBARCODE_PAY',
  total_fee: '88.80',
  trans_currency: 'HKD',
  currency: 'HKD',
  notify_url: 'https://pad.example.hk/api/alipay/notify',
  it_b_pay: '2m',
  extend_params: EXTEND,
  body: '',
  sign_type: 'MD5',
  sign: 'an old signature that must not be signed',
}

export const PRECREATE_PRE_STRING = '_input_charset=UTF-8&currency=HKD' +
  `&extend_params=${EXTEND}` +
  '&it_b_pay=2m&notify_url=https://pad.example.hk/api/alipay/notify&out_trade_no=pay_0001&partner=2088101122136241' +
  '&product_code=OVERSEAS_MBARCODE_PAY&service=alipay.acquire.precreate&subject=桌 12 · 宫保鸡丁 & 米饭' +
  '&timestamp=2024-05-13 17:49:20&total_fee=88.80&trans_currency=HKD'

// printf '%s%s' "$PRE" kx8lq2m7z0r4t9w1c6v3b5n8h2j4p7s0 | md5sum            ($PRE = PRECREATE_PRE_STRING)
export const PRECREATE_MD5 = '5ee815f47954c778b53bd031cea4b0b6'
// printf '%s' "$PRE" | openssl dgst -sha256 -sign merchant-private.pem | base64 -w0
export const PRECREATE_RSA2 = 'l3Yw0RBkk3L8DxCb7xM80J35RLJ/53/V97PWgmC7T4ojRY/XmKHtZGw2aPI6g0D+pSn2Q1HmF3NqOklX9mitzjOZwN+vdK+qNQC3vG7YcFhQyC/ljEC57aGYW1bBuRO3fDUVxFeoIkG8KXxO1CuNlune2oH/D0dWclqVyhlwukMEUjVYg/fGkFJaq83FT9d8T5QLHfZj+o1/kIrW7mDjGvK99fhSmVhkEj3Td4yMijptVW9UoglOsF6QCUIXeQ/YbnPWl+/Iz2LewT3vT/qCrttALeKLb+Cq5J3tf1iPBP4zPv1pD7uY57uMl/wde9ltD7++P/aUlrF+yd2ucD1AQQ=='
// printf '%s' "$PRE" | openssl dgst -sha1 -sign merchant-private.pem | base64 -w0
export const PRECREATE_RSA = 'UTZ/SekR/q9IrmKRN3v4DMWtnWrXke4cCpD7xEkbclm/5eG7wM3THIedlBXnOmMoY2+l+5Sl8x/eRmh5tmO4v9C6nfF9qVZdO1xnRiNFFBmsGR99GAR6qs1blahwNHWni2DJSKm0IKQ2GSMR8BB3dyQEtoGy9rWFgLZ2e3iX59mJKDv9VymW/jFyus8DwvyxXwADpOKKTT8TsiRri3JzLU0dgvPJu+0LYMzXjGtuY4DSVQLzETlja/mwKYltSrqTWDcbE2uIGVpNSEGcZuNG29ejQBy2Sek/1KT5+UVHamhnoRX4MPw2jGOo0T4m1F9z9ypXbeK7MtDAktbVx/ceIQ=='


const PIC = 'https://mobilecodec.alipay.com/show.htm?code=bax03431ljhokirwl38f00a7&picSize='

/** The `<response><alipay>` fields of a precreate answer (the URLs go on the wire as `&amp;`). */
export const ANSWER_FIELDS = {
  big_pic_url: `${PIC}L`,
  out_trade_no: 'pay_0001',
  pic_url: `${PIC}M`,
  qr_code: 'https://qr.alipay.com/bax03431ljhokirwl38f00a7',
  result_code: 'SUCCESS',
  small_pic_url: `${PIC}S`,
  voucher_type: 'qrcode',
}

export const ANSWER_PRE_STRING = `big_pic_url=${PIC}L&out_trade_no=pay_0001&pic_url=${PIC}M` +
  `&qr_code=https://qr.alipay.com/bax03431ljhokirwl38f00a7&result_code=SUCCESS&small_pic_url=${PIC}S&voucher_type=qrcode`

// printf '%s%s' "$ANS" kx8lq2m7z0r4t9w1c6v3b5n8h2j4p7s0 | md5sum            ($ANS = ANSWER_PRE_STRING)
export const ANSWER_MD5 = '1f66e81a4c6d888a4d204dd6253e5da4'
// printf '%s' "$ANS" | openssl dgst -sha256 -sign alipay-private.pem | base64 -w0
export const ANSWER_RSA2 = 'gQYCCiDkS9cRFItu2OT6uLG+WEmfaSecip+nhZ2zCzjtbiWYIsBo+Kpn1FxG0b+Hm/7l1bkyZHkE3AGnFnvmCnG0pfdM4y/rmnLt288NKJiCB67Jbx4uW96hNfi4IZ4cVGeOaJqnlfd6d/hgPamxnjcxN/9F026gEhIfV8AaJyETVA0tvlNE4jcFXhlz2gsEOqYKDpHKZ76xV/3d+11jIZTBqAIwdUf3D2+aYkQxb8MXBt7qzm6ZKSx768024GPLMqYHY3+/NT8AXUtKOid0SQIWGVtYq3AcxnZl5SlMmslfInVINJTQuMDp91w9ZchuD82XW3MmN5GDt7fmpBrn+g=='

/** The answer exactly as the gateway writes it (pretty-printed, escaped), for a given sign. */
export function answerXml (sign: string, signType: 'MD5' | 'RSA2'): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n<alipay>\n  <is_success>T</is_success>\n  <request>\n' +
    '    <param name="_input_charset">UTF-8</param>\n    <param name="service">alipay.acquire.precreate</param>\n' +
    '    <param name="subject">桌 12 · 宫保鸡丁 &amp; 米饭</param>\n  </request>\n  <response>\n    <alipay>\n' +
    `      <big_pic_url>${PIC.replace('&', '&amp;')}L</big_pic_url>\n      <out_trade_no>pay_0001</out_trade_no>\n` +
    `      <pic_url>${PIC.replace('&', '&amp;')}M</pic_url>\n      <qr_code>https://qr.alipay.com/bax03431ljhokirwl38f00a7</qr_code>\n` +
    `      <result_code>SUCCESS</result_code>\n      <small_pic_url>${PIC.replace('&', '&amp;')}S</small_pic_url>\n` +
    '      <voucher_type>qrcode</voucher_type>\n    </alipay>\n  </response>\n' +
    `  <sign>${sign}</sign>\n  <sign_type>${signType}</sign_type>\n</alipay>\n`
}

/** A MAPI trade notification for a JPY trade (no decimals), field order as sent, with an empty field. */
export const NOTIFICATION_FIELDS: Record<string, string> = {
  notify_time: '2024-05-13 17:50:08',
  notify_type: 'trade_status_sync',
  notify_id: '91722adff935e8cfa58b3aabf4dead6ibe',
  notify_action_type: 'payByAccountAction',
  out_trade_no: 'pay_0007',
  subject: '桌 3 · 拉面 & 餃子',
  trade_no: '2024051322001446880500012345',
  trade_status: 'TRADE_SUCCESS',
  total_fee: '1250',
  trans_currency: 'JPY',
  buyer_id: '2088102177846880',
  seller_id: '2088101122136241',
  seller_email: '',
  gmt_create: '2024-05-13 17:50:01',
  gmt_payment: '2024-05-13 17:50:07',
}

export const NOTIFICATION_PRE_STRING = 'buyer_id=2088102177846880&gmt_create=2024-05-13 17:50:01&gmt_payment=2024-05-13 17:50:07' +
  '&notify_action_type=payByAccountAction&notify_id=91722adff935e8cfa58b3aabf4dead6ibe&notify_time=2024-05-13 17:50:08' +
  '&notify_type=trade_status_sync&out_trade_no=pay_0007&seller_id=2088101122136241&subject=桌 3 · 拉面 & 餃子' +
  '&total_fee=1250&trade_no=2024051322001446880500012345&trade_status=TRADE_SUCCESS&trans_currency=JPY'

// printf '%s%s' "$NOTE" kx8lq2m7z0r4t9w1c6v3b5n8h2j4p7s0 | md5sum           ($NOTE = NOTIFICATION_PRE_STRING)
export const NOTIFICATION_MD5 = 'b107763aa5222ece1d90ad7c0d87a3ff'
// printf '%s' "$NOTE" | openssl dgst -sha256 -sign alipay-private.pem | base64 -w0
export const NOTIFICATION_RSA2 = 'rYlwbu10ixy6rDeHDmCrsyRf288KIxbtCOpxdZIj43AsgMugZ4GrnX8Gt86kXRR4zuAu+mUCwOc2/5J2gtzVQWB/Qv2O6rfykUh08tN8OOAPz5Jk9aTyC3gAOF2uTcmurHcC6XUsKovBVRaT1vHYQ2G0zEmtPZzNDEuBae283R1LfL1qJlL+8TW7ajXlA3qmupY/uUvZ5a0yuZO6CWp1LtzhQXOyX/MLFQ5KsxIutpgDJo5644tCm+B6ARPZmW01bFPq8pi6Imc5d0BniyQaiSQiNPJwIjFstEv6WtLYbLj8u/OugnYxU23RuS/+g1XIbNGCmaFeoT9KdQr+7LAsWA=='
