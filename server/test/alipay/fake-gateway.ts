// A tiny gateway.do on loopback for the client tests: checks the query/body split and our signature, answers per test.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startFormServer } from './fake-form-server.js'
import { appPublicKey, gatewaySignContent, gatewayVerify, signedAnswer, type TestSignType } from './fixtures.js'

export interface ReceivedCall {
  /** Params from the URL query string. */
  query: Record<string, string>
  /** Params from the form body. */
  form: Record<string, string>
  /** Both merged, as the gateway sees them. */
  params: Record<string, string>
  contentType: string | undefined
  /** What the gateway rebuilt and checked. */
  signContent: string
  signatureValid: boolean
  biz: Record<string, unknown> | undefined
}

/** What a test's handler returns: an answer, or 'hang' to never answer (the connection stays open). */
export type FakeReply =
  | { status?: number, body: string | Buffer, contentType?: string }
  | 'hang'
  | 'hang-after-headers'

export interface FakeGateway {
  url: string
  calls: ReceivedCall[]
  close: () => Promise<void>
}

export async function startFakeGateway (
  reply: (call: ReceivedCall) => FakeReply,
  options: { signType?: TestSignType } = {},
): Promise<FakeGateway> {
  const calls: ReceivedCall[] = []
  const server = await startFormServer(({ query, form, contentType }, res) => {
    const params = { ...query, ...form }
    const signContent = gatewaySignContent(params)
    const signType = (params.sign_type ?? 'RSA2') as TestSignType
    const signatureValid = typeof params.sign === 'string' && signType === (options.signType ?? 'RSA2') &&
      gatewayVerify(signContent, params.sign, appPublicKey, signType)
    const call: ReceivedCall = {
      query,
      form,
      params,
      contentType,
      signContent,
      signatureValid,
      biz: params.biz_content ? JSON.parse(params.biz_content) as Record<string, unknown> : undefined,
    }
    calls.push(call)
    if (!signatureValid) {
      // What the real gateway does: a signed 40002 echoing the string it built.
      const node = JSON.stringify({
        code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: `验签出错，验签字符串为：${signContent}`,
      })
      send(res, { body: signedAnswer(`${(params.method ?? 'unknown').replaceAll('.', '_')}_response`, node, { signType }) })
      return
    }
    const answer = reply(call)
    if (answer === 'hang') return
    if (answer === 'hang-after-headers') {
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' })
      res.write('{"alipay_trade_query_response":')
      return
    }
    send(res, answer)
  })
  return { url: server.url, calls, close: server.close }
}

function send (res: ServerResponse, answer: { status?: number, body: string | Buffer, contentType?: string }): void {
  res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'text/html;charset=utf-8' })
  res.end(answer.body)
}

/** A port nothing listens on (for "connection refused"). */
export async function closedPort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}
