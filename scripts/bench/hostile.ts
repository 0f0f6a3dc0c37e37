/**
 * Benchmark (not a test): the most expensive single requests found (issue 13, "One request freezes
 * every user"), each sent alone against alice's Drafts of 1,000 items. Prints how long each took
 * (at the client and in the server's journal), what it was answered, and the longest the event
 * loop was held: how long every other user waited. Figures only, no thresholds.
 *
 * Each request is sent `runs` times: the first (cold) and the median figures are printed.
 *
 * First, the XML reader alone (`parseXml`: prescan and reader) on documents of a few shapes, with
 * the reader's limits (what a request costs before it is refused or handled) and without them
 * (what parsing that document would cost): the figures behind the node limit (docs/decisions/0019).
 *
 *   npx tsx scripts/bench/hostile.ts [-- --drafts 1000 --parents 10000 --needle 4000000 --runs 3]
 */
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import { DEFAULT_XML_LIMITS, parseXml } from '../../mock-ews/soap/parse-xml.ts'
import { AUTHORIZATION, envelope, fillDrafts, log, machine, options } from './lib.ts'

const o = options({ drafts: 1000, parents: 10_000, needle: 4_000_000, runs: 3 })
const DRAFTS = '<t:DistinguishedFolderId Id="drafts"/>'
const SUBJECT = '<t:FieldURI FieldURI="item:Subject"/>'

const equalTo = (value: string): string =>
  `<t:IsEqualTo>${SUBJECT}<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:IsEqualTo>`
const containsIgnoreCase = (value: string): string =>
  `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${SUBJECT}<t:Constant Value="${value}"/></t:Contains>`
const findItem = (parents: string, expression: string): string =>
  envelope(
    '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
      `<m:Restriction>${expression}</m:Restriction><m:ParentFolderIds>${parents}</m:ParentFolderIds></m:FindItem>`,
  )
const findFolder = (parents: string): string =>
  envelope(
    '<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
      `<m:ParentFolderIds>${parents}</m:ParentFolderIds></m:FindFolder>`,
  )

const cases: [string, string][] = [
  [
    `FindItem, Drafts x${o.parents}, IsEqualTo`,
    findItem(DRAFTS.repeat(o.parents), equalTo('no such')),
  ],
  ['FindItem, Drafts x1000, IsEqualTo', findItem(DRAFTS.repeat(1000), equalTo('no such'))],
  [
    `FindItem, Contains IgnoreCase, ${o.needle}-char constant`,
    findItem(DRAFTS, containsIgnoreCase('Q'.repeat(o.needle))),
  ],
  [
    'FindItem, Contains IgnoreCase, 32768-char constant',
    findItem(DRAFTS, containsIgnoreCase('Q'.repeat(32_768))),
  ],
  [
    'FindItem, Drafts x1000, Or of 254 IsEqualTo',
    findItem(
      DRAFTS.repeat(1000),
      `<t:Or>${Array.from({ length: 254 }, (_, i) => equalTo(`s${i}`)).join('')}</t:Or>`,
    ),
  ],
  [
    'FindFolder Deep, msgfolderroot x1000',
    findFolder('<t:DistinguishedFolderId Id="msgfolderroot"/>'.repeat(1000)),
  ],
]

/** Documents for the reader alone: [name, document]. */
const shapes: [string, string][] = [
  [
    'CreateItem, one 10 MB text node (a base64 body)',
    envelope(
      `<m:CreateItem><m:Items><t:Message><t:Body BodyType="Text">${'QUJD'.repeat(2_500_000)}</t:Body></t:Message></m:Items></m:CreateItem>`,
    ),
  ],
  ...['&amp;', '\r'].map((special): [string, string] => [
    `9,000 small text nodes with ${JSON.stringify(special)}, then one 9 MB text node`,
    envelope(
      `<m:GetFolder>${`<t:A>x${special}y</t:A>`.repeat(9000)}<t:B>${'x'.repeat(9_000_000)}</t:B></m:GetFolder>`,
    ),
  ]),
  ...[99_000, 20_000, 9_990, 5_000].map((n): [string, string] => [
    `${n} small elements with text (${2 * n} nodes)`,
    envelope(`<m:GetFolder>${'<t:A>x</t:A>'.repeat(n)}</m:GetFolder>`),
  ]),
  [
    'GetItem of 1,000 ids with change keys (~3,000 nodes)',
    envelope(
      `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds>${'<t:ItemId Id="AAMkADAwATM0MDAAMS1iNWFjLTgxNWItMDACLTAwCgBGAAADGK8vxJ6s" ChangeKey="CQAAABYAAAB"/>'.repeat(1000)}</m:ItemIds></m:GetItem>`,
    ),
  ],
  [`FindItem, Drafts x${o.parents}, IsEqualTo`, cases[0]![1]],
]

function parseFigures(): void {
  log(`XML reader (parseXml) alone, best and median of ${Math.max(o.runs, 5)} runs:`)
  log('document | KB | with the limits: answer, ms | without them: ms')
  const unlimited = { maxDepth: 256, maxAttributes: 1e9, maxNodes: 1e9 }
  const time = (xml: string, limits: typeof unlimited | undefined): [string, number[]] => {
    const ms: number[] = []
    let answer = 'parsed'
    for (let run = 0; run < Math.max(o.runs, 5); run++) {
      const started = performance.now()
      try {
        parseXml(xml, limits)
      } catch (e) {
        answer = (e as Error).message.replace(/^.*?: /, '').slice(0, 60)
      }
      ms.push(performance.now() - started)
    }
    return [answer, ms.sort((a, b) => a - b)]
  }
  const f = (v: number[]): string => `${v[0]!.toFixed(1)}, ${v[v.length >> 1]!.toFixed(1)}`
  for (const [name, xml] of shapes) {
    const [answer, limited] = time(xml, { ...DEFAULT_XML_LIMITS })
    const [, free] = time(xml, unlimited)
    log(`${name} | ${(xml.length / 1024).toFixed(0)} | ${answer}, ${f(limited)} | ${f(free)}`)
  }
  log()
}

async function main(): Promise<void> {
  machine()
  parseFigures()
  const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
  fillDrafts(ews.store, o.drafts)
  const server = await startEwsServer(ews.app, { port: 0 })
  const send = async (body: string): Promise<[number | string, string, number]> => {
    const started = performance.now()
    try {
      const res = await fetch(server.ewsUrl, {
        method: 'POST',
        headers: { authorization: AUTHORIZATION, 'content-type': 'text/xml; charset=utf-8' },
        body,
      })
      const text = await res.text()
      const code = /ResponseCode>(\w+)</.exec(text)?.[1] ?? '?'
      return [res.status, code, performance.now() - started]
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message
      return [`failed (${cause})`, '-', performance.now() - started]
    }
  }
  log(`${o.drafts} drafts in alice's Drafts`)
  log(
    'request | bytes | HTTP | first code | server ms (first, median) | longest loop block ms (first, median)',
  )
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!
  try {
    for (const [name, body] of cases) {
      const served: number[] = []
      const blocks: number[] = []
      let answer = ''
      for (let run = 0; run < o.runs; run++) {
        let last = performance.now()
        let block = 0 // the longest gap between ticks of a 1 ms interval: how long the loop was held
        const ticker = setInterval(() => {
          const now = performance.now()
          block = Math.max(block, now - last)
          last = now
        }, 1)
        const [status, code] = await send(body)
        await new Promise((resolve) => setTimeout(resolve, 20))
        clearInterval(ticker)
        answer = `${status} | ${code}`
        const entry = ews.journal.entries().at(-1)
        served.push(typeof status === 'number' && entry ? entry.durationMs : NaN)
        blocks.push(block)
      }
      const f = (v: number[]): string => `${v[0]!.toFixed(0)}, ${median(v).toFixed(0)}`
      log(`${name} | ${body.length} | ${answer} | ${f(served)} | ${f(blocks)}`)
    }
  } finally {
    await server.close()
  }
}

void main()
