/**
 * Benchmark (not a test): MIME requests at the request size limit (docs/decisions/0038) — hostile
 * CreateItem t:MimeContent (10,000 parts, deep nesting, huge headers, a large body, garbage) and
 * GetItem IncludeMimeContent of an item with a large attachment. Prints the answer, the time at
 * the client and the longest the event loop was held (the gap between ticks of a 1 ms interval):
 * how long every other user waited. Figures only, no thresholds.
 *
 *   npx tsx scripts/bench/mime.ts [--mb 5 --runs 3]
 */
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import { AUTHORIZATION, envelope, log, machine, options } from './lib.ts'

const o = options({ mb: 5, runs: 3 })

const create = (raw: string | Buffer): string =>
  envelope(
    '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message>' +
      `<t:MimeContent CharacterSet="UTF-8">${Buffer.from(raw).toString('base64')}</t:MimeContent>` +
      '</t:Message></m:Items></m:CreateItem>',
  )

function parts(n: number): string {
  let s = 'Subject: parts\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
  for (let i = 0; i < n; i++) s += `--b\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`
  return `${s}--b--\r\n`
}

function deep(n: number): string {
  let s = 'Subject: deep\r\n'
  for (let i = 0; i < n; i++)
    s += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`
  return s
}

const bytes = o.mb * 1024 * 1024
const attachment = Buffer.alloc(bytes, 7).toString('base64')
const cases: [string, string][] = [
  ['CreateItem MIME, 10,000 parts', create(parts(10_000))],
  ['CreateItem MIME, 480 parts', create(parts(480))],
  ['CreateItem MIME, 5,000 levels', create(deep(5000))],
  ['CreateItem MIME, 300 KB header', create(`Subject: ${'a'.repeat(300_000)}\r\n\r\nx`)],
  [
    `CreateItem MIME, ${o.mb} MB base64 part`,
    create(
      'Subject: big\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n' +
        'Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        `${attachment.replace(/.{76}/g, '$&\r\n')}\r\n--b--\r\n`,
    ),
  ],
  [`CreateItem MIME, ${o.mb} MB of 0xff`, create(Buffer.alloc(bytes, 0xff))],
  // The same bytes without MIME, for comparison: what the XML request alone costs.
  [
    `CreateItem t:FileAttachment, ${o.mb} MB (no MIME)`,
    envelope(
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>file</t:Subject>' +
        `<t:Attachments><t:FileAttachment><t:Name>a.bin</t:Name><t:Content>${attachment}</t:Content></t:FileAttachment></t:Attachments>` +
        '</t:Message></m:Items></m:CreateItem>',
    ),
  ],
]

async function main(): Promise<void> {
  machine()
  const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
  const server = await startEwsServer(ews.app, { port: 0 })
  const send = async (body: string): Promise<[string, number, number]> => {
    let last = performance.now()
    let block = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      block = Math.max(block, now - last)
      last = now
    }, 1)
    const started = performance.now()
    const res = await fetch(server.ewsUrl, {
      method: 'POST',
      headers: { authorization: AUTHORIZATION, 'content-type': 'text/xml; charset=utf-8' },
      body,
    })
    const text = await res.text()
    const ms = performance.now() - started
    clearInterval(ticker)
    const code = /ResponseCode>(\w+)</.exec(text)?.[1] ?? String(res.status)
    const id = /ItemId Id="([^"]+)"/.exec(text)?.[1]
    return [id && code === 'NoError' ? `${code} ${id}` : code, ms, block]
  }
  log('request | answer | client ms (median) | longest loop block ms (median)')
  const median = (v: number[]): string =>
    [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(1)
  let withAttachment: string | undefined
  try {
    for (const [name, body] of cases) {
      const ms: number[] = []
      const blocks: number[] = []
      let answer = ''
      for (let run = 0; run < o.runs; run++) {
        const [a, t, b] = await send(body)
        answer = a.split(' ')[0]!
        if (a.includes(' ') && name.includes('base64')) withAttachment = a.split(' ')[1]
        ms.push(t)
        blocks.push(b)
      }
      log(`${name} | ${answer} | ${median(ms)} | ${median(blocks)}`)
    }
    if (withAttachment) {
      const get = envelope(
        '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent></m:ItemShape>' +
          `<m:ItemIds><t:ItemId Id="${withAttachment}"/></m:ItemIds></m:GetItem>`,
      )
      const ms: number[] = []
      const blocks: number[] = []
      let answer = ''
      for (let run = 0; run < o.runs; run++) {
        const [a, t, b] = await send(get)
        answer = a
        ms.push(t)
        blocks.push(b)
      }
      log(
        `GetItem IncludeMimeContent, ${o.mb} MB attachment | ${answer} | ${median(ms)} | ${median(blocks)}`,
      )
    }
  } finally {
    await server.close()
  }
}

void main()
