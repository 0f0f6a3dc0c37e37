/**
 * Benchmark (not a test): reading one request into a tree, by the candidates of
 * docs/decisions/0065 — xmldom (what mock-ews used), fast-xml-parser (its validator, then its
 * parser: the well-formedness check and the untyped tree a namespace-resolving tree would be built
 * from) and mock-ews's own reader (soap/xml-reader.ts) — on the GetItem and CreateItem requests of
 * the throughput benchmark, a CreateItem with a 1 MB attachment and the large hostile shapes of
 * docs/decisions/0019. The prescan (parse-xml.ts) is the same for all and timed on its own.
 * Figures only: best and median of `runs` batches, microseconds per document.
 *
 *   npx tsx scripts/bench/xml-reader.ts [-- --runs 15]
 */
import { DOMParser } from '@xmldom/xmldom'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parseXml } from '../../mock-ews/soap/parse-xml.ts'
import { readXml } from '../../mock-ews/soap/xml-reader.ts'
import { envelope, log, machine, options } from './lib.ts'

const o = options({ runs: 15 })

const getItem = envelope(
  '<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds>' +
    '<t:ItemId Id="AUlr+aCWkIO8EmSZHpfnx615Ed2zrSqgtOvFh5G0qobRrg=="/></m:ItemIds></m:GetItem>',
)
const createItem = envelope(
  '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:SavedItemFolderId>' +
    '<t:DistinguishedFolderId Id="conversationhistory"/></m:SavedItemFolderId><m:Items><t:Message>' +
    '<t:ItemClass>IPM.Note.Microsoft.Missed</t:ItemClass><t:Subject>Alice sent you a message in Skype for Business</t:Subject>' +
    '<t:Body BodyType="HTML">&lt;div&gt;Are you free at 10?&lt;/div&gt;</t:Body><t:ToRecipients><t:Mailbox>' +
    '<t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>',
)
const attachment = envelope(
  '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>file</t:Subject>' +
    '<t:Attachments><t:FileAttachment><t:Name>a.bin</t:Name><t:Content>' +
    Buffer.alloc(768 * 1024, 7).toString('base64') +
    '</t:Content></t:FileAttachment></t:Attachments></t:Message></m:Items></m:CreateItem>',
)
const body = (inner: string): string =>
  envelope(
    `<m:CreateItem><m:Items><t:Message><t:Body BodyType="HTML">${inner}</t:Body></t:Message></m:Items></m:CreateItem>`,
  )
const documents: [string, string, number][] = [
  ['GetItem (throughput bench)', getItem, 2000],
  ['CreateItem (throughput bench)', createItem, 2000],
  ['CreateItem, 1 MB attachment', attachment, 20],
  ['CreateItem, 10 MB body of &amp;', body('&amp;'.repeat(2_000_000)), 1],
  ['CreateItem, 10 MB comment', body(`<!--${'x'.repeat(10_000_000)}-->`), 1],
  ['256 nested elements', '<a>'.repeat(256) + '</a>'.repeat(256), 500],
]

const fxp = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false })
const candidates: [string, (xml: string) => unknown][] = [
  ['prescan + own reader (parseXml)', (xml) => parseXml(xml)],
  ['own reader alone', (xml) => readXml(xml)],
  [
    'xmldom alone',
    (xml) => new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml'),
  ],
  [
    'fast-xml-parser: validate + parse',
    (xml) => {
      if (XMLValidator.validate(xml) !== true) throw new Error('not well-formed')
      return fxp.parse(xml)
    },
  ],
]

machine()
log(`best / median of ${o.runs} batches, µs per document`)
for (const [name, xml, batch] of documents) {
  log(`\n${name} (${(xml.length / 1024).toFixed(1)} KB):`)
  for (const [candidate, parse] of candidates) {
    const times: number[] = []
    let failure = ''
    for (let r = 0; r < o.runs && !failure; r++) {
      const t = performance.now()
      try {
        for (let k = 0; k < batch; k++) parse(xml)
      } catch (e) {
        failure = (e as Error).message.slice(0, 80)
      }
      times.push(((performance.now() - t) * 1000) / batch)
    }
    times.sort((a, b) => a - b)
    const fmt = (v: number): string =>
      v >= 1000 ? `${(v / 1000).toFixed(1)} ms` : `${v.toFixed(1)} µs`
    log(
      `  ${candidate.padEnd(36)} ${failure ? `fails: ${failure}` : `${fmt(times[0]!)} / ${fmt(times[times.length >> 1]!)}`}`,
    )
  }
}
