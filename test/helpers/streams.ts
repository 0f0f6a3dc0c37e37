/**
 * Test helpers for streaming and push notifications, on loopback sockets: a GetStreamingEvents
 * answer read frame by frame, and a push receiver that answers SendNotification as told.
 */
import { request as httpRequest, createServer } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DOMParser } from '@xmldom/xmldom'
import xpath from 'xpath'
import { envelope, NS, PASSWORD } from './ews.ts'

/** An open GetStreamingEvents answer: its frames as they come, and whether it has ended. */
export interface OpenStream {
  frames: string[]
  ended: Promise<void>
  /** Resolves once `n` frames have come (or the answer ended). */
  frame(n: number): Promise<string | undefined>
  abort(): void
}

export const subscriptionIdsXml = (ids: readonly string[], minutes = 1): string =>
  `<m:GetStreamingEvents><m:SubscriptionIds>${ids.map((id) => `<t:SubscriptionId>${id}</t:SubscriptionId>`).join('')}</m:SubscriptionIds><m:ConnectionTimeout>${minutes}</m:ConnectionTimeout></m:GetStreamingEvents>`

/** POSTs GetStreamingEvents and splits the answer into whole envelopes as they arrive. */
export function openStream(
  ewsUrl: string,
  ids: readonly string[],
  minutes = 1,
  user = 'alice@contoso.com',
  /** For an https:// URL: the certificate to trust. */
  ca?: string,
): OpenStream {
  const frames: string[] = []
  const waiters: Array<() => void> = []
  const wake = (): void => {
    for (const w of waiters.splice(0)) w()
  }
  let done = false
  const body = envelope(subscriptionIdsXml(ids, minutes), 'Exchange2013')
  const options = {
    method: 'POST',
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`,
    },
  }
  const req = ewsUrl.startsWith('https:')
    ? httpsRequest(ewsUrl, { ...options, ca })
    : httpRequest(ewsUrl, options)
  const ended = new Promise<void>((resolve) => {
    const finish = (): void => {
      done = true
      wake()
      resolve()
    }
    req.on('error', finish)
    req.on('close', finish)
    req.on('response', (res: IncomingMessage) => {
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end
        while ((end = buffer.indexOf('</Envelope>')) >= 0) {
          frames.push(buffer.slice(0, end + '</Envelope>'.length))
          buffer = buffer.slice(end + '</Envelope>'.length)
        }
        wake()
      })
      res.on('end', finish)
      res.on('close', finish)
    })
  })
  req.end(body)
  return {
    frames,
    ended,
    abort: () => req.destroy(),
    async frame(n) {
      while (frames.length < n && !done) await new Promise<void>((r) => waiters.push(r))
      return frames[n - 1]
    },
  }
}

/** XPath over one frame (prefixes s, m, t). */
export function inFrame(frame: string, expr: string): string[] {
  const doc = new DOMParser().parseFromString(frame, 'text/xml')
  const select = xpath.useNamespaces({ s: NS.s, m: NS.m, t: NS.t })
  return (select(expr, doc as unknown as Node) as Node[]).map(
    (n) => n.textContent ?? n.nodeValue ?? '',
  )
}

/** A loopback push receiver: records each SendNotification and answers with `status` (or fails). */
export interface PushReceiver {
  url: string
  received: string[]
  /** What the next answers say: OK, Unsubscribe, or 'fail' (HTTP 500). */
  answer: 'OK' | 'Unsubscribe' | 'fail'
  /** Resolves once `n` notifications have come. */
  notification(n: number): Promise<string>
  close(): Promise<void>
}

export async function pushReceiver(): Promise<PushReceiver> {
  const waiters: Array<() => void> = []
  const receiver: PushReceiver = {
    url: '',
    received: [],
    answer: 'OK',
    async notification(n) {
      while (receiver.received.length < n) await new Promise<void>((r) => waiters.push(r))
      return receiver.received[n - 1]!
    },
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      receiver.received.push(body)
      for (const w of waiters.splice(0)) w()
      if (receiver.answer === 'fail') return void res.writeHead(500).end()
      res
        .writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' })
        .end(
          `<?xml version="1.0"?><s:Envelope xmlns:s="${NS.s}"><s:Body><SendNotificationResult xmlns="${NS.m}"><SubscriptionStatus>${receiver.answer}</SubscriptionStatus></SendNotificationResult></s:Body></s:Envelope>`,
        )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`
  return receiver
}
