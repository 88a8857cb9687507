// A gateway made on first use: the built-in emulator's URL is known only once the server listens.
import type { AlipayGateway } from '../alipay/gateway.js'

export function lazyGateway (make: () => AlipayGateway): AlipayGateway {
  let gateway: AlipayGateway | null = null
  const get = () => (gateway ??= make())
  return {
    get refundsConfirmedBy () { return get().refundsConfirmedBy },
    precreate: input => get().precreate(input),
    create: input => get().create(input),
    query: ref => get().query(ref),
    cancel: ref => get().cancel(ref),
    close: ref => get().close(ref),
    refund: input => get().refund(input),
    refundQuery: input => get().refundQuery(input),
    oauthToken: input => get().oauthToken(input),
    // Only some gateways have a bill API: reading this makes the gateway (callers read it when they use it).
    get tradeBillUrl () {
      const gateway = get()
      return gateway.tradeBillUrl === undefined ? undefined : gateway.tradeBillUrl.bind(gateway)
    },
  }
}
