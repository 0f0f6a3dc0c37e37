/**
 * Benchmark (not a test): how much memory mock-ews holds. (1) RSS and heap after loading 100k
 * items with 1 KB bodies into one folder (target ≤ 300 MB RSS). (2) RSS while answering 1M
 * requests (GetFolder of the Inbox, which changes nothing) over keep-alive HTTP with the request
 * journal at its default cap: it must stay flat once the journal is full. Each reading is taken
 * twice: right after a chunk of requests, and once the server has been idle for `settleMs` (Node
 * gives back the memory of a burst within a second or two; the second reading shows the trend).
 * (3) `attachmentItems` items carrying one `attachmentBytes` attachment, made by copying one item:
 * the external memory (where Buffers live) must grow by about one attachment, not one per item.
 * (4) `ewsAttachments` items, each given its own `attachmentBytes` attachment by CreateAttachment
 * over HTTP (base64 in the request, as a client sends it): heap and external memory together must
 * grow by about the attachments' bytes — not more, which would mean a second copy is held (the
 * base64 text, the request, a copy of the Buffer).
 *
 *   npm run bench:memory [-- --items 100000 --requests 1000000 --every 100000 --settleMs 2000]
 *   (runs node with --expose-gc so that figures are taken after a full collection)
 */
import {
  createEwsApp,
  DEFAULT_JOURNAL_CAPACITY,
  FakeClock,
  seededIds,
  startEwsServer,
} from '../../mock-ews/index.ts'
import type { MailboxStore } from '../../mock-ews/index.ts'
import {
  addItem,
  envelope,
  fillFolder,
  load,
  log,
  machine,
  options,
  post,
  result,
  USER as BENCH_USER,
} from './lib.ts'

const MB_BYTES = 2 ** 20
const o = options({
  items: 100_000,
  requests: 1_000_000,
  every: 100_000,
  bodyBytes: 1024,
  settleMs: 2000,
  attachmentItems: 1000,
  attachmentBytes: MB_BYTES,
  ewsAttachments: 1000,
})
const MB = 2 ** 20
const gc = (globalThis as { gc?: () => void }).gc

function memory(): { rss: number; heap: number; external: number } {
  gc?.()
  const m = process.memoryUsage()
  return { rss: m.rss / MB, heap: m.heapUsed / MB, external: m.external / MB }
}

/** `memory()` once the memory of collected Buffers is given back (a thread of its own does it). */
async function settledMemory(): Promise<ReturnType<typeof memory>> {
  for (let i = 0; i < 2; i++) {
    memory()
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return memory()
}

const GET_INBOX = envelope(
  '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
    '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
)

async function main(): Promise<void> {
  machine()
  log(
    `parameters: ${o.items} items with ${o.bodyBytes}-byte bodies; ${o.requests} GetFolder requests at 10 keep-alive connections, RSS every ${o.every} (again after ${o.settleMs} ms idle); journal capacity ${DEFAULT_JOURNAL_CAPACITY}; gc ${gc ? 'forced before each reading' : 'NOT exposed (run with node --expose-gc)'}`,
  )
  const base = memory()
  log(`baseline: RSS ${base.rss.toFixed(0)} MB, heap ${base.heap.toFixed(0)} MB`)
  const { app, store, journal } = createEwsApp({
    ids: seededIds(1),
    clock: new FakeClock('2016-06-10T09:00:00Z'),
  })
  const folder = fillFolder(store, o.items, { bodyBytes: o.bodyBytes })
  const loaded = memory()
  log(
    `after ${o.items} items: RSS ${loaded.rss.toFixed(0)} MB, heap ${loaded.heap.toFixed(0)} MB (${(((loaded.heap - base.heap) * MB) / o.items).toFixed(0)} heap bytes per item)`,
  )

  const attachmentGrowth = attachmentCopies(store, folder)
  log(
    `after ${o.attachmentItems} items sharing one ${o.attachmentBytes}-byte attachment: external memory grew ${attachmentGrowth.toFixed(1)} MB (${((o.attachmentItems * o.attachmentBytes) / MB).toFixed(1)} MB if each item held its own bytes)`,
  )

  const server = await startEwsServer(app, { host: '127.0.0.1', port: 0 })
  const ews = await ewsAttachments(store, server.ewsUrl)
  log(
    `after ${o.ewsAttachments} CreateAttachment requests of one distinct ${o.attachmentBytes}-byte attachment each: heap + external memory grew ${ews.growth.toFixed(1)} MB for ${ews.bytes.toFixed(1)} MB of attachments (${(ews.growth / ews.bytes).toFixed(2)}×), RSS ${ews.rss.toFixed(0)} MB`,
  )
  const samples: { rss: number; heap: number }[] = []
  const settled: number[] = []
  try {
    for (let done = 0; done < o.requests;) {
      const amount = Math.min(o.every, o.requests - done)
      await load(server.ewsUrl, GET_INBOX, { connections: 10, amount })
      done += amount
      const m = memory()
      samples.push(m)
      await new Promise((resolve) => setTimeout(resolve, o.settleMs))
      settled.push(memory().rss)
      log(
        `after ${done} requests: RSS ${m.rss.toFixed(0)} MB (${settled.at(-1)!.toFixed(0)} MB after ${o.settleMs} ms idle), heap ${m.heap.toFixed(0)} MB, external ${m.external.toFixed(0)} MB, journal ${journal.entries().length} entries (${journal.total} recorded)`,
      )
    }
  } finally {
    await server.close()
  }
  const first = samples[0] ?? { rss: Number.NaN, heap: Number.NaN }
  const last = samples[samples.length - 1] ?? first
  const rss = samples.map((x) => x.rss)
  result({
    items: o.items,
    rss_after_items_mb: Number(loaded.rss.toFixed(0)),
    heap_after_items_mb: Number(loaded.heap.toFixed(0)),
    attachment_items: o.attachmentItems,
    attachment_external_growth_mb: Number(attachmentGrowth.toFixed(1)),
    ews_attachments: o.ewsAttachments,
    ews_attachment_mb: Number(ews.bytes.toFixed(1)),
    ews_attachment_growth_mb: Number(ews.growth.toFixed(1)),
    ews_attachment_growth_ratio: Number((ews.growth / ews.bytes).toFixed(3)),
    requests: o.requests,
    heap_first_sample_mb: Number(first.heap.toFixed(0)),
    heap_last_sample_mb: Number(last.heap.toFixed(0)),
    heap_growth_mb: Number((last.heap - first.heap).toFixed(1)),
    rss_min_mb: Number(Math.min(...rss).toFixed(0)),
    rss_max_mb: Number(Math.max(...rss).toFixed(0)),
    rss_last_mb: Number(last.rss.toFixed(0)),
    rss_settled_min_mb: Number(Math.min(...settled).toFixed(0)),
    rss_settled_max_mb: Number(Math.max(...settled).toFixed(0)),
    rss_settled_last_mb: Number((settled.at(-1) ?? Number.NaN).toFixed(0)),
    // Issue 18: 100k items of 1 KB in ≤ 300 MB RSS; the attachment's bytes held once (growth
    // below two copies); memory flat under requests (heap within 10 MB from first to last sample).
    target_rss_after_items_le_300mb: loaded.rss <= 300 ? 'met' : 'not_met',
    target_attachment_held_once:
      attachmentGrowth < (2 * o.attachmentBytes) / MB ? 'met' : 'not_met',
    // Issue 18: 1,000 items with a 1 MB attachment each, each byte held once: the growth stays
    // under 1.25× the bytes (a second copy, raw or as base64 text, would make it 2–2.33×).
    target_ews_attachments_held_once: ews.growth < 1.25 * ews.bytes ? 'met' : 'not_met',
    target_heap_flat: Math.abs(last.heap - first.heap) <= 10 ? 'met' : 'not_met',
  })
}

/** External memory growth (MB) from one item with an attachment copied to `attachmentItems` items. */
function attachmentCopies(store: MailboxStore, folder: string): number {
  const before = memory().external
  const id = addItem(store, folder, 0)
  const item = store.getItem(BENCH_USER, id)
  const content = Buffer.alloc(o.attachmentBytes, 0x61)
  const attachment = {
    key: 1,
    name: 'big.bin',
    contentType: 'application/octet-stream',
    contentId: undefined,
    isInline: false,
    lastModifiedTime: 0,
    content,
  }
  store.updateItem(BENCH_USER, item.itemId.id, { attachments: [attachment] })
  for (let i = 1; i < o.attachmentItems; i++) store.copyItem(BENCH_USER, id, folder)
  return memory().external - before
}

/**
 * `ewsAttachments` new items, then one CreateAttachment request per item, one after the other, each
 * with its own content. Returns the growth of heap + external memory (MB, after a full GC) and the
 * attachments' total (MB).
 */
async function ewsAttachments(
  store: MailboxStore,
  url: string,
): Promise<{ growth: number; bytes: number; rss: number }> {
  const folder = fillFolder(store, o.ewsAttachments, { name: 'Attachments over EWS' })
  const ids = store
    .findItems(BENCH_USER, folder, { view: { kind: 'all' } })
    .items.map((x) => x.itemId.id)
  const before = await settledMemory()
  for (const [i, id] of ids.entries()) {
    const content = Buffer.alloc(o.attachmentBytes, i % 251)
    content.writeUInt32BE(i, 0)
    await post(
      url,
      envelope(
        `<m:CreateAttachment><m:ParentItemId Id="${id}"/><m:Attachments>` +
          `<t:FileAttachment><t:Name>attachment-${i}.bin</t:Name>` +
          '<t:ContentType>application/octet-stream</t:ContentType>' +
          `<t:Content>${content.toString('base64')}</t:Content></t:FileAttachment>` +
          '</m:Attachments></m:CreateAttachment>',
      ),
    )
  }
  const after = await settledMemory()
  return {
    growth: after.heap + after.external - before.heap - before.external,
    bytes: (o.ewsAttachments * o.attachmentBytes) / MB,
    rss: after.rss,
  }
}

await main()
