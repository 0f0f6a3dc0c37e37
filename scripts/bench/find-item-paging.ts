/**
 * Benchmark (not a test): what one FindItem page costs at the start and at the end of a folder of
 * 1,000 and of 100,000 items, through the real SOAP path (HTTP on 127.0.0.1, Basic auth, parsing,
 * the store, rendering). The memory store keeps each folder's items in receive order, so a page is
 * cut by position: a page near the end of 100k items should cost about what the first page of 1k does.
 *
 *   npm run bench:find-item            (or: npx tsx scripts/bench/find-item-paging.ts)
 *
 * Folders are filled directly through the store (100k CreateItem calls over SOAP would take minutes),
 * with DateTimeReceived one second apart. Each case gets WARMUP untimed requests, then the timed
 * requests run interleaved (one of each case per round, in rotating order) so that drift, GC and
 * JIT affect every case alike. Prints the median and p99 per page, then one RESULT line.
 */
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { MailboxStore } from '../../mock-ews/index.ts'

const USER = 'alice@contoso.com'
const PASSWORD = 'P@ssw0rd'
const SIZES = [1_000, 100_000] as const
const PAGE = 50
const WARMUP = 50
const TIMED = 400
const START_MS = Date.parse('2016-06-01T00:00:00Z')

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages'
const T = 'http://schemas.microsoft.com/exchange/services/2006/types'

interface Case {
  name: string
  folderId: string
  offset: number
  /** Subject the page must start with (newest first). */
  firstSubject: string
  samples: number[]
}

function log(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** Fills a new folder below Inbox with `count` messages received one second apart; returns its id. */
function fillFolder(store: MailboxStore, count: number): string {
  const inbox = store.getDistinguishedFolder(USER, 'inbox').folderId.id
  const folder = store.createFolder(USER, inbox, {
    displayName: `Bench ${count}`,
    kind: 'Folder',
  })
  for (let i = 0; i < count; i++) {
    const at = new Date(START_MS + i * 1000)
    store.createItem(USER, folder.folderId.id, {
      itemClass: 'IPM.Note',
      subject: `Message ${i}`,
      body: { type: 'Text', text: `Body of message ${i}` },
      importance: 'Normal',
      categories: [],
      isRead: true,
      isDraft: false,
      from: { name: 'Bob', address: 'bob@contoso.com' },
      toRecipients: [{ name: 'Alice', address: USER }],
      ccRecipients: [],
      bccRecipients: [],
      internetMessageId: `<bench-${count}-${i}@contoso.com>`,
      dateTimeSent: at,
      dateTimeReceived: at,
    })
  }
  return folder.folderId.id
}

function findItemEnvelope(folderId: string, offset: number): string {
  return (
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${M}" xmlns:t="${T}">` +
    '<soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header><soap:Body>' +
    '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
    `<m:IndexedPageItemView MaxEntriesReturned="${PAGE}" Offset="${offset}" BasePoint="Beginning"/>` +
    `<m:ParentFolderIds><t:FolderId Id="${folderId}"/></m:ParentFolderIds></m:FindItem>` +
    '</soap:Body></soap:Envelope>'
  )
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const ms = (x: number): string => x.toFixed(3)

async function main(): Promise<void> {
  const began = performance.now()
  log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), node ${process.version}, ${process.platform}/${process.arch}`,
  )
  log(
    `parameters: folders of ${SIZES.join(' and ')} items; IndexedPageItemView MaxEntriesReturned=${PAGE}, ` +
      `BaseShape Default; ${WARMUP} warm-up + ${TIMED} timed requests per case, interleaved; ` +
      'HTTP keep-alive fetch to 127.0.0.1',
  )

  const { app, store } = createEwsApp({
    ids: seededIds(1),
    clock: new FakeClock('2016-06-10T09:00:00Z'),
  })
  const cases: Case[] = []
  for (const size of SIZES) {
    const t0 = performance.now()
    const folderId = fillFolder(store, size)
    log(`setup: ${size} items in ${ms(performance.now() - t0)} ms`)
    const label = size >= 1000 ? `${size / 1000}k` : String(size)
    cases.push(
      {
        name: `first${label}`,
        folderId,
        offset: 0,
        firstSubject: `Message ${size - 1}`,
        samples: [],
      },
      {
        name: `last${label}`,
        folderId,
        offset: size - PAGE,
        firstSubject: `Message ${PAGE - 1}`,
        samples: [],
      },
    )
  }

  const server = await startEwsServer(app, { host: '127.0.0.1', port: 0 })
  const authorization = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`
  const bodies = new Map(cases.map((c) => [c, findItemEnvelope(c.folderId, c.offset)]))

  /** One FindItem round trip; returns the answer's text. */
  async function request(c: Case): Promise<string> {
    const res = await fetch(server.ewsUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/xml; charset=utf-8' },
      body: bodies.get(c)!,
    })
    const text = await res.text()
    if (res.status !== 200) throw new Error(`${c.name}: HTTP ${res.status}: ${text.slice(0, 500)}`)
    return text
  }

  try {
    // Check every case answers the page it should before timing anything.
    for (const c of cases) {
      const text = await request(c)
      const subjects = [...text.matchAll(/<t:Subject>([^<]*)<\/t:Subject>/g)].map((m) => m[1])
      const expectedLast = c.offset + PAGE >= Number(/TotalItemsInView="(\d+)"/.exec(text)?.[1])
      if (
        !text.includes('<m:ResponseCode>NoError</m:ResponseCode>') ||
        subjects.length !== PAGE ||
        subjects[0] !== c.firstSubject ||
        !text.includes(`IncludesLastItemInRange="${expectedLast}"`)
      ) {
        throw new Error(`${c.name}: unexpected answer: ${text.slice(0, 800)}`)
      }
      log(
        `check: ${c.name} Offset=${c.offset} → ${subjects.length} items from "${subjects[0]}", ${text.length} bytes`,
      )
    }
    for (const c of cases) for (let i = 0; i < WARMUP; i++) await request(c)
    for (let round = 0; round < TIMED; round++) {
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(round + k) % cases.length]!
        const t0 = performance.now()
        await request(c)
        c.samples.push(performance.now() - t0)
      }
    }
  } finally {
    await server.close()
  }

  const medians: Record<string, number> = {}
  for (const c of cases) {
    const sorted = [...c.samples].sort((a, b) => a - b)
    medians[c.name] = median(sorted)
    log(
      `${c.name.padEnd(10)} Offset=${String(c.offset).padEnd(6)} median ${ms(median(sorted))} ms  p99 ${ms(percentile(sorted, 99))} ms  (n=${sorted.length})`,
    )
  }
  const m = (name: string): number => medians[name] ?? Number.NaN
  log(`total runtime: ${((performance.now() - began) / 1000).toFixed(1)} s`)
  log(
    `RESULT first1k_ms=${ms(m('first1k'))} last1k_ms=${ms(m('last1k'))} ` +
      `first100k_ms=${ms(m('first100k'))} last100k_ms=${ms(m('last100k'))} ` +
      `ratio_last100k_over_first1k=${(m('last100k') / m('first1k')).toFixed(2)}`,
  )
}

await main()
