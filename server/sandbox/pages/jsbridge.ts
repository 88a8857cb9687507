// The AlipayJSBridge shim: tradePay opens the emulator's cashier over the merchant page and reports resultCode.
export const JSBRIDGE_JS = `(function () {
  'use strict'
  if (window.AlipayJSBridge) return
  var script = document.currentScript
  var base = script && script.src ? script.src.replace(/\\/jsbridge\\.js(?:[?#].*)?$/, '') : '/sandbox'
  var MEMO = { '9000': '支付成功', '6001': '用户中途取消', '4000': '订单支付失败' }

  function tradePay (options, callback) {
    var tradeNo = options && (options.tradeNO || options.tradeNo)
    var done = false
    function finish (code) {
      if (done) return
      done = true
      window.removeEventListener('message', onMessage)
      if (overlay.parentNode) overlay.parentNode.removeChild(overlay)
      if (typeof callback === 'function') callback({ resultCode: code, memo: MEMO[code] || '', result: '' })
    }
    function onMessage (event) {
      var data = event.data
      if (event.source !== frame.contentWindow || !data || data.source !== 'alipay-sandbox-cashier') return
      finish(String(data.resultCode))
    }
    var overlay = document.createElement('div')
    overlay.setAttribute('data-testid', 'sandbox-cashier')
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.45);display:flex;flex-direction:column;align-items:center;justify-content:flex-end'
    var close = document.createElement('button')
    close.type = 'button'
    close.textContent = '\\u00d7'
    close.setAttribute('aria-label', 'Close / 关闭')
    close.setAttribute('data-testid', 'sandbox-cashier-close')
    close.style.cssText = 'align-self:flex-end;margin:8px;width:40px;height:40px;border:0;border-radius:20px;font-size:24px;background:#fff'
    close.onclick = function () { finish('6001') }
    var frame = document.createElement('iframe')
    frame.title = 'Alipay cashier'
    frame.name = 'sandbox-cashier'
    frame.style.cssText = 'width:100%;max-width:480px;height:80%;border:0;border-radius:12px 12px 0 0;background:#fff'
    overlay.appendChild(close)
    overlay.appendChild(frame)
    if (!tradeNo) {
      setTimeout(function () { finish('4000') }, 0)
      return
    }
    window.addEventListener('message', onMessage)
    frame.src = base + '/cashier/' + encodeURIComponent(tradeNo)
    document.body.appendChild(overlay)
  }

  window.AlipayJSBridge = {
    call: function (name, options, callback) {
      if (typeof options === 'function') { callback = options; options = {} }
      if (name === 'tradePay') return tradePay(options, callback)
      if (typeof callback === 'function') callback({ error: 1, errorMessage: 'not emulated: ' + name })
    },
  }
  // Pages wait for this event when the bridge is not there yet (PROTOCOL §2.10).
  setTimeout(function () { document.dispatchEvent(new Event('AlipayJSBridgeReady')) }, 0)
})()
`
