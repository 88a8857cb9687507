// The few plain pages a phone may see at /t/ before the phone app opens, in the diner's language
// (en or zh-CN): small, server-rendered, no scripts and no external assets (helmet's CSP applies).

export type PageLanguage = 'en' | 'zh-CN'

/** Every page the phone entry answers with; the name is also the page's `data-page`, for tests. */
export type PageName =
  | 'unknown-table'
  | 'open-in-alipay'
  | 'phone-ordering-off'
  | 'state-invalid'
  | 'denied'
  | 'code-invalid'
  | 'alipay-unavailable'
  | 'rate-limited'
  | 'bad-request'
  | 'failed'

interface PageText { title: string, body: string }

const TEXTS: Record<PageLanguage, Record<PageName, PageText>> = {
  en: {
    'unknown-table': { title: 'This table link does not work', body: 'The table may have been removed or its code replaced. Please ask a member of staff for the table\'s current QR code.' },
    'open-in-alipay': { title: 'Open this link with Alipay', body: 'Scan the table\'s QR code with the Alipay app to order and pay from your phone.' },
    'phone-ordering-off': { title: 'Please order at the table', body: 'This restaurant takes orders and payments on the tablet at your table.' },
    'state-invalid': { title: 'This sign-in has expired', body: 'The sign-in with Alipay took too long, was already used, or was started in another browser. Please start again.' },
    denied: { title: 'Alipay did not sign you in', body: 'Your Alipay account keeps your orders apart from the others at the table. Please try again and allow it.' },
    'code-invalid': { title: 'Alipay did not accept the sign-in', body: 'The sign-in code was no longer valid. Please try again.' },
    'alipay-unavailable': { title: 'Alipay cannot be reached right now', body: 'Please try again in a moment.' },
    'rate-limited': { title: 'Too many attempts', body: 'Please wait a minute, then try again.' },
    'bad-request': { title: 'This link is not complete', body: 'Please scan the table\'s QR code again.' },
    failed: { title: 'Something went wrong', body: 'Please try again, or ask a member of staff.' },
  },
  'zh-CN': {
    'unknown-table': { title: '此餐桌链接无效', body: '该餐桌可能已被移除或更换了二维码。请向服务员索取本桌当前的二维码。' },
    'open-in-alipay': { title: '请用支付宝打开此链接', body: '请使用支付宝 App 扫描桌上的二维码，即可用手机点餐和付款。' },
    'phone-ordering-off': { title: '请在餐桌上点餐', body: '本店请使用餐桌上的平板点餐和付款。' },
    'state-invalid': { title: '登录已失效', body: '支付宝登录超时、已被使用，或是在其他浏览器中发起的。请重新开始。' },
    denied: { title: '支付宝未完成登录', body: '我们通过你的支付宝账号区分同桌每个人点的菜。请重试并选择同意。' },
    'code-invalid': { title: '支付宝未通过此次登录', body: '授权码已失效，请重试。' },
    'alipay-unavailable': { title: '暂时无法连接支付宝', body: '请稍后再试。' },
    'rate-limited': { title: '尝试次数过多', body: '请等待一分钟后再试。' },
    'bad-request': { title: '链接不完整', body: '请重新扫描桌上的二维码。' },
    failed: { title: '出错了', body: '请重试，或联系服务员。' },
  },
}

export type LinkName = 'retry' | 'emulator'

const LINKS: Record<PageLanguage, Record<LinkName, string>> = {
  en: { retry: 'Try again', emulator: 'Continue with the Alipay emulator (test mode)' },
  'zh-CN': { retry: '重试', emulator: '通过支付宝模拟器继续（测试模式）' },
}

/**
 * The first language the browser lists (by `q`) decides: any `zh` → zh-CN, anything else → en. A
 * phone sends a short header; a long one is cut before parsing.
 */
export function pageLanguage (acceptLanguage: string | undefined): PageLanguage {
  let best: { tag: string, q: number } | null = null
  for (const part of (acceptLanguage ?? '').slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().split(';')
    const q = Number(params.map(p => p.trim()).find(p => p.startsWith('q='))?.slice(2) ?? '1')
    if (!tag || !Number.isFinite(q) || q <= 0) continue
    if (best === null || q > best.q) best = { tag: tag.toLowerCase(), q }
  }
  return best !== null && (best.tag === 'zh' || best.tag.startsWith('zh-')) ? 'zh-CN' : 'en'
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, char => ENTITIES[char] ?? char)
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#faf7f2;color:#1f1b16}
main{max-width:30rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.4rem;line-height:1.3;margin:0 0 .75rem}
p{margin:0 0 1.5rem}
a{display:flex;align-items:center;justify-content:center;min-height:48px;padding:.75rem 1rem;border-radius:12px;background:#b4442a;color:#fff;font-weight:600;text-decoration:none;text-align:center}
a:focus-visible{outline:3px solid #1f1b16;outline-offset:3px}
`

export interface PageLink { name: LinkName, href: string }

/** A whole HTML document; `link`'s href must be a path or URL we built (it is escaped, not checked). */
export function renderPage (name: PageName, lang: PageLanguage, link?: PageLink): string {
  const text = TEXTS[lang][name]
  const action = link ? `<a href="${escapeHtml(link.href)}" data-testid="phone-entry-${link.name}">${escapeHtml(LINKS[lang][link.name])}</a>` : ''
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(text.title)}</title><style>${STYLE}</style></head>
<body><main data-testid="phone-entry-page" data-page="${name}"><h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.body)}</p>${action}</main></body></html>`
}
