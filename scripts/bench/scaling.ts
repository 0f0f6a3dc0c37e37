/**
 * Benchmark (not a test): does a request cost more in a bigger folder? FindItem (a page of 50) at
 * the start and at the end of folders of 1k, 10k and 100k items, and an incremental
 * SyncFolderItems that returns 10 changes, through the real SOAP path (HTTP on 127.0.0.1, keep-alive
 * fetch, Basic auth, parsing, the store, rendering). Target: at most 2× between 1k and 100k.
 *
 *   npm run bench:scaling [-- --timed 300 --warmup 50 --largest 100000]
 *
 * Folders are filled through the store, items received one second apart. Every case's answer is
 * checked first; then the timed requests run interleaved (one of each case per round, in rotating
 * order), so drift, GC and JIT affect every case alike. For SyncFolderItems each sample is one
 * round of "change 10 items (in-process, untimed), then sync from the last state (timed)".
 */
import { performance } from 'node:perf_hooks'
import { createEwsApp, FakeClock, seededIds, startEwsServer } from '../../mock-ews/index.ts'
import type { MailboxStore } from '../../mock-ews/index.ts'
import {
  fillFolder,
  findItemXml,
  fixed,
  log,
  machine,
  options,
  percentile,
  post,
  result,
  syncFolderItemsXml,
  USER,
} from './lib.ts'

const PAGE = 50
const CHANGES = 10
const o = options({ timed: 300, warmup: 50, largest: 100_000 })
/** 1k, 10k and 100k by default; the smallest must hold a page. */
const SIZES = [o.largest / 100, o.largest / 10, o.largest]
if (!SIZES.every((n) => Number.isInteger(n) && n >= PAGE))
  throw new Error(`--largest must be a multiple of 100, at least ${100 * PAGE}`)

interface Case {
  name: string
  run: () => Promise<void>
  samples: number[]
}

const label = (n: number): string => `${n / 1000}k`

function findCase(url: string, size: number, folderId: string, last: boolean): Case {
  const offset = last ? size - PAGE : 0
  const body = findItemXml(folderId, offset, PAGE)
  const first = last ? PAGE - 1 : size - 1
  return {
    name: `find_${last ? 'last' : 'first'}${label(size)}`,
    samples: [],
    run: async () => {
      const text = await post(url, body)
      if (!text.includes(`<t:Subject>Message ${first}</t:Subject>`))
        throw new Error(`FindItem Offset=${offset} of ${size}: wrong page`)
    },
  }
}

function syncCase(url: string, store: MailboxStore, size: number, folderId: string): Case {
  let state: string | undefined
  let round = 0
  const ids = store
    .findItems(USER, folderId, { view: { kind: 'all' } })
    .items.map((i) => i.itemId.id)
  return {
    name: `sync10_${label(size)}`,
    samples: [],
    run: async () => {
      if (state === undefined) {
        // The first sync returns the whole folder; page through it untimed.
        for (;;) {
          const text = await post(url, syncFolderItemsXml(folderId, state))
          state = /<m:SyncState>([^<]*)<\/m:SyncState>/.exec(text)![1]
          if (text.includes('<m:IncludesLastItemInRange>true')) break
        }
      }
      round += 1
      for (let k = 0; k < CHANGES; k++) {
        store.updateItem(USER, ids[(round * CHANGES + k) % ids.length]!, {
          isRead: round % 2 === 0,
        })
      }
      const t0 = performance.now()
      const text = await post(url, syncFolderItemsXml(folderId, state))
      const elapsed = performance.now() - t0
      const changes = (text.match(/<t:(Create|Update|Delete|ReadFlagChange)>/g) ?? []).length
      if (changes !== CHANGES)
        throw new Error(`sync of ${size}: ${changes} changes, not ${CHANGES}`)
      state = /<m:SyncState>([^<]*)<\/m:SyncState>/.exec(text)![1]
      throw new Timed(elapsed)
    },
  }
}

/** Thrown by a case that timed itself (the setup of each round is not part of the sample). */
class Timed {
  constructor(readonly ms: number) {}
}

async function main(): Promise<void> {
  machine()
  log(
    `parameters: folders of ${SIZES.map(label).join(', ')} items; FindItem IndexedPageItemView MaxEntriesReturned=${PAGE} at the first and the last page (BaseShape Default); SyncFolderItems IdOnly from the previous state after ${CHANGES} read-flag changes; ${o.warmup} warm-up + ${o.timed} timed requests per case, interleaved; keep-alive fetch to 127.0.0.1`,
  )
  const { app, store } = createEwsApp({
    ids: seededIds(1),
    clock: new FakeClock('2016-06-10T09:00:00Z'),
  })
  const server = await startEwsServer(app, { host: '127.0.0.1', port: 0 })
  const cases: Case[] = []
  try {
    for (const size of SIZES) {
      const t0 = performance.now()
      const folderId = fillFolder(store, size)
      log(`setup: ${size} items in ${(performance.now() - t0).toFixed(0)} ms`)
      cases.push(findCase(server.ewsUrl, size, folderId, false))
      cases.push(findCase(server.ewsUrl, size, folderId, true))
      cases.push(syncCase(server.ewsUrl, store, size, folderId))
    }
    const once = async (c: Case): Promise<number> => {
      const t0 = performance.now()
      try {
        await c.run()
      } catch (e) {
        if (e instanceof Timed) return e.ms
        throw e
      }
      return performance.now() - t0
    }
    for (const c of cases) for (let i = 0; i < o.warmup; i++) await once(c)
    for (let round = 0; round < o.timed; round++) {
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(round + k) % cases.length]!
        c.samples.push(await once(c))
      }
    }
  } finally {
    await server.close()
  }
  const figures: Record<string, number> = {}
  for (const c of cases) {
    const sorted = [...c.samples].sort((a, b) => a - b)
    const p50 = percentile(sorted, 50)
    figures[`${c.name}_p50_ms`] = Number(p50.toFixed(3))
    log(
      `${c.name.padEnd(16)} p50 ${fixed(p50).padStart(7)} ms   p99 ${fixed(percentile(sorted, 99)).padStart(7)} ms   (n=${sorted.length})`,
    )
  }
  const ratio = (a: string, b: string): number =>
    Number((figures[`${a}_p50_ms`]! / figures[`${b}_p50_ms`]!).toFixed(2))
  const [small, big] = [label(SIZES[0]!), label(o.largest)]
  figures[`ratio_find_last${big}_over_first${small}`] = ratio(
    `find_last${big}`,
    `find_first${small}`,
  )
  figures[`ratio_sync10_${big}_over_${small}`] = ratio(`sync10_${big}`, `sync10_${small}`)
  result(figures)
}

await main()
