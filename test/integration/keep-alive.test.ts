/**
 * Idle keep-alive connections after a stall (issue 13, "Requests lost after a stall"). Node's
 * timers run before pending input is read, so after any stall longer than the keep-alive timeout
 * the timer of an idle connection fires while a request that arrived during the stall is still
 * unread. The tests make exactly that order happen without waiting: in a timer callback the
 * request is written (it lands in the server's receive buffer) and the server socket's keep-alive
 * timer is fired by emitting its 'timeout', before the event loop's poll phase can read it.
 */
import { once } from 'node:events'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { expect } from 'chai'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { RunningServer } from '../../mock-ews/index.ts'
import { distinguished, envelope, getFolderXml, PASSWORD } from '../helpers/ews.ts'

const GET_INBOX = envelope(getFolderXml(distinguished('inbox'), 'IdOnly'))
const AUTH = `Basic ${Buffer.from(`alice@contoso.com:${PASSWORD}`).toString('base64')}`

function rawRequest(body: string): string {
  return (
    'POST /EWS/Exchange.asmx HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
    `Authorization: ${AUTH}\r\nContent-Type: text/xml; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
}

/** Reads whole HTTP responses off a client socket, in order; `closed` once the server closes it. */
function responses(socket: Socket): () => Promise<{ status: number } | 'closed'> {
  let buffered = Buffer.alloc(0)
  let closed = false
  let wake: (() => void) | undefined
  socket.on('data', (d: Buffer) => {
    buffered = Buffer.concat([buffered, d])
    wake?.()
  })
  socket.on('close', () => {
    closed = true
    wake?.()
  })
  socket.on('error', () => undefined) // a reset shows as 'close'
  const take = (): { status: number } | undefined => {
    const head = buffered.indexOf('\r\n\r\n')
    if (head === -1) return undefined
    const text = buffered.subarray(0, head).toString('latin1')
    const length = Number(/content-length: *(\d+)/i.exec(text)?.[1] ?? 0)
    if (buffered.length < head + 4 + length) return undefined
    buffered = buffered.subarray(head + 4 + length)
    return { status: Number(text.split(' ')[1]) }
  }
  return async () => {
    for (;;) {
      const next = take()
      if (next) return next
      if (closed) return 'closed'
      await new Promise<void>((resolve) => (wake = resolve))
    }
  }
}

describe('idle keep-alive connections', () => {
  let server: RunningServer
  let serverSide: Socket
  let client: Socket
  let next: () => Promise<{ status: number } | 'closed'>

  beforeEach(async () => {
    const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
    server = await startEwsServer(ews.app, { port: 0 })
    const accepted = once(server.server, 'connection')
    client = connect(server.port, '127.0.0.1')
    next = responses(client)
    ;[serverSide] = (await accepted) as [Socket]
    client.write(rawRequest(GET_INBOX))
    expect(await next()).to.deep.equal({ status: 200 }) // the connection is now idle
  })
  afterEach(async () => {
    client.destroy()
    await server.close()
  })

  /**
   * In the timers phase, as the keep-alive timer runs: `send` (bytes land in the server's receive
   * buffer at once on loopback) and then the timer fires, before the poll phase reads them.
   */
  const keepAliveTimerFires = (send: () => void): Promise<void> =>
    new Promise((resolve) =>
      setTimeout(() => {
        send()
        serverSide.emit('timeout')
        resolve()
      }, 0),
    )

  it('answers a request that arrived before the keep-alive timer fired (as after a stall)', async () => {
    await keepAliveTimerFires(() => client.write(rawRequest(GET_INBOX)))
    expect(await next()).to.deep.equal({ status: 200 })
    // Still a keep-alive connection: a third request on it is answered too.
    client.write(rawRequest(GET_INBOX))
    expect(await next()).to.deep.equal({ status: 200 })
  })

  it('still closes a connection on which nothing arrived', async () => {
    await keepAliveTimerFires(() => undefined)
    expect(await next()).to.equal('closed')
  })
})
