// Sends one job's bytes to a printer over raw TCP (port 9100). Raw 9100 has no acknowledgment: the strongest
// sign a printer took a job is that every byte left (`finish`) and the printer then closed its side (`close`
// without error). A printer that keeps the connection open after that gets `closeWaitMs`, then counts as done.
import { connect } from 'node:net'

export interface PrinterAddress {
  host: string
  port: number
}

export interface SendTimeouts {
  /** To connect, and then for each stall while writing. */
  timeoutMs: number
  /** After the last byte left, how long to wait for the printer to close its side. */
  closeWaitMs: number
}

/** A send that failed, with a short code for staff and logs (ECONNREFUSED, EHOSTUNREACH, TIMEOUT, …). */
export class PrinterSendError extends Error {
  constructor (readonly code: string, message: string) {
    super(message)
    this.name = 'PrinterSendError'
  }
}

export type SendToPrinter = (address: PrinterAddress, bytes: Buffer) => Promise<void>

export function tcpSender (timeouts: SendTimeouts): SendToPrinter {
  return (address, bytes) => new Promise<void>((resolve, reject) => {
    const socket = connect({ host: address.host, port: address.port })
    let settled = false
    let closeWait: NodeJS.Timeout | undefined
    const settle = (error: PrinterSendError | null): void => {
      if (settled) return
      settled = true
      clearTimeout(closeWait)
      socket.destroy()
      if (error) reject(error)
      else resolve()
    }
    socket.setTimeout(timeouts.timeoutMs, () => { settle(new PrinterSendError('TIMEOUT', `no answer from ${address.host}:${address.port} in ${timeouts.timeoutMs} ms`)) })
    socket.once('error', (error: NodeJS.ErrnoException) => { settle(new PrinterSendError(error.code ?? 'ERROR', error.message)) })
    socket.once('connect', () => { socket.end(bytes) })
    socket.once('finish', () => {
      // Every byte is with the operating system; the printer closing its side says it read them. The stall timeout
      // is over: a printer that holds the connection open must reach the close-wait's "done", not a TIMEOUT
      // (which would reprint the job at every attempt).
      socket.setTimeout(0)
      closeWait = setTimeout(() => { settle(null) }, timeouts.closeWaitMs)
      closeWait.unref()
    })
    // A printer answering ESC/POS status bytes is not read: the data is dropped so the socket can close.
    socket.on('data', () => {})
    socket.once('close', (hadError) => {
      if (hadError) settle(new PrinterSendError('CLOSED', `${address.host}:${address.port} closed the connection with an error`))
      else if (socket.writableFinished) settle(null)
      else settle(new PrinterSendError('CLOSED', `${address.host}:${address.port} closed the connection before the job was sent`))
    })
  })
}
