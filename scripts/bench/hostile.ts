/**
 * Benchmark (not a test): the most expensive single requests found (issue 13, "One request freezes
 * every user"), each sent alone against alice's Drafts of 1,000 items, with bob's GetFolder sent
 * just after it. Prints how long each took, what it was answered, how long bob waited and the
 * longest the event loop was held. Figures only, no thresholds.
 *
 *   npx tsx scripts/bench/hostile.ts [-- --drafts 1000 --parents 10000 --needle 4000000]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import { AUTHORIZATION, envelope, log, machine, options, USER } from './lib.ts'

const o = options({ drafts: 1000, parents: 10_000, needle: 4_000_000 })
const BOB = `Basic ${Buffer.from('bob@contoso.com:P@ssw0rd').toString('base64')}`
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
const bobsGetFolder = envelope(
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
    '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
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

async function main(): Promise<void> {
  machine()
  const ews = createEwsApp({ ids: seededIds(1), clock: new FakeClock('2016-06-10T09:00:00Z') })
  const drafts = ews.store.getDistinguishedFolder(USER, 'drafts').folderId.id
  for (let i = 0; i < o.drafts; i++) {
    ews.store.createItem(USER, drafts, {
      itemClass: 'IPM.Note',
      subject: `Draft ${i}`,
      body: { type: 'Text', text: `Body of draft ${i}` },
      importance: 'Normal',
      categories: [],
      isRead: true,
      isDraft: true,
      from: { name: 'Alice', address: USER },
      toRecipients: [{ name: 'Bob', address: 'bob@contoso.com' }],
      ccRecipients: [],
      bccRecipients: [],
      internetMessageId: `<draft-${i}@contoso.com>`,
      dateTimeSent: undefined,
      dateTimeReceived: new Date(Date.parse('2016-06-01T00:00:00Z') + i * 1000),
    } as Parameters<typeof ews.store.createItem>[2])
  }
  const server = await startEwsServer(ews.app, { port: 0 })
  const send = async (body: string, authorization: string): Promise<[number, string, number]> => {
    const started = performance.now()
    const res = await fetch(server.ewsUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/xml; charset=utf-8' },
      body,
    })
    const text = await res.text()
    const code = /ResponseCode>(\w+)</.exec(text)?.[1] ?? '?'
    return [res.status, code, performance.now() - started]
  }
  log(`${o.drafts} drafts in alice's Drafts`)
  log(
    'request | bytes | HTTP | first code | client ms | server ms | bob waited ms | longest loop block ms',
  )
  try {
    for (const [name, body] of cases) {
      const loop = monitorEventLoopDelay({ resolution: 5 })
      loop.enable()
      const hostile = send(body, AUTHORIZATION)
      await new Promise((resolve) => setTimeout(resolve, 20))
      const [, , bobMs] = await send(bobsGetFolder, BOB)
      const [status, code, ms] = await hostile
      loop.disable()
      const block = loop.max / 1e6
      const served =
        ews.journal
          .entries()
          .filter((e) => e.user === USER)
          .at(-1)?.durationMs ?? NaN
      log(
        `${name} | ${body.length} | ${status} | ${code} | ${ms.toFixed(0)} | ${served.toFixed(0)} | ${bobMs.toFixed(0)} | ${block.toFixed(0)}`,
      )
    }
  } finally {
    await server.close()
  }
}

void main()
