/**
 * Benchmark (not a test): EWS throughput against the limit of this machine. autocannon drives
 * mock-ews on 127.0.0.1 with FindItem (a page of 50 in a 10k-item folder), GetItem and CreateItem
 * SendAndSaveCopy (an offline IM to bob), at 1 and 10 keep-alive connections; in the same run it
 * drives a bare node:http server that answers the same response bytes without doing anything.
 * The ratio of the two rates is the share of the machine's HTTP limit mock-ews reaches. A third
 * server, Express answering the same bytes from one route, shows what the framework alone costs.
 *
 *   npm run bench:throughput [-- --seconds 10 --items 10000 --warmup 2000]
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { startEwsServer } from '../../mock-ews/index.ts'
import {
  benchApp,
  findItemXml,
  getItemXml,
  load,
  log,
  machine,
  offlineImXml,
  options,
  post,
  result,
} from './lib.ts'

const o = options({ seconds: 10, items: 10_000, warmup: 2000 })

interface Figures {
  rps: number
  p50: number
  p99: number
}

async function measure(url: string, body: string, connections: number): Promise<Figures> {
  const r = await load(url, body, { connections, seconds: o.seconds })
  return { rps: r.total / r.seconds, p50: r.p50, p99: r.p99 }
}

async function main(): Promise<void> {
  machine()
  log(
    `parameters: ${o.seconds} s per run, connections 1 and 10 (keep-alive, no pipelining), folder of ${o.items} items, FindItem page of 50 (BaseShape Default), autocannon in a child process on 127.0.0.1`,
  )
  const { app, folderId, itemId } = benchApp(o.items)
  const server = await startEwsServer(app, { host: '127.0.0.1', port: 0 })
  const cases: [string, string][] = [
    ['FindItem', findItemXml(folderId, 0)],
    ['GetItem', getItemXml(itemId)],
    ['CreateItem', offlineImXml('bob@contoso.com')],
  ]
  // The bare server answers each case with the bytes mock-ews gave for it.
  const answers = new Map<string, Buffer>()
  for (const [name, body] of cases) answers.set(name, Buffer.from(await post(server.ewsUrl, body)))
  const bare = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const bytes = answers.get(req.url!.slice(1))!
      res.writeHead(200, {
        'content-type': 'text/xml; charset=utf-8',
        'content-length': bytes.length,
      })
      res.end(bytes)
    })
  })
  await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done))
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`
  const plain = express()
  plain.set('etag', false)
  plain.post('/:name', express.text({ type: '*/*', limit: '10mb' }), (req, res) => {
    res.type('text/xml; charset=utf-8').send(answers.get(String(req.params.name)))
  })
  const expressServer = plain.listen(0, '127.0.0.1')
  await new Promise((done) => expressServer.once('listening', done))
  const expressUrl = `http://127.0.0.1:${(expressServer.address() as AddressInfo).port}`

  const figures: Record<string, number> = {}
  try {
    // Warm-up, untimed: every server answers every case until its code is compiled.
    for (const [name, body] of cases)
      for (const url of [server.ewsUrl, `${bareUrl}/${name}`, `${expressUrl}/${name}`])
        await load(url, body, { connections: 10, amount: o.warmup })
    log(
      `${'case'.padEnd(11)} ${'conns'.padStart(5)}  ${'mock req/s'.padStart(10)} ${'p50'.padStart(4)} ${'p99'.padStart(4)}  ${'bare req/s'.padStart(10)} ${'p50'.padStart(4)} ${'p99'.padStart(4)}  ${'express req/s'.padStart(13)}  ratio  vs express`,
    )
    for (const [name, body] of cases) {
      for (const connections of [1, 10]) {
        const mock = await measure(server.ewsUrl, body, connections)
        const limit = await measure(`${bareUrl}/${name}`, body, connections)
        const framework = await measure(`${expressUrl}/${name}`, body, connections)
        const ratio = mock.rps / limit.rps
        log(
          `${name.padEnd(11)} ${String(connections).padStart(5)}  ${mock.rps.toFixed(0).padStart(10)} ${String(mock.p50).padStart(4)} ${String(mock.p99).padStart(4)}  ${limit.rps.toFixed(0).padStart(10)} ${String(limit.p50).padStart(4)} ${String(limit.p99).padStart(4)}  ${framework.rps.toFixed(0).padStart(13)}  ${`${(ratio * 100).toFixed(0)}%`.padStart(5)}  ${`${((mock.rps / framework.rps) * 100).toFixed(0)}%`.padStart(10)}`,
        )
        const key = `${name}_c${connections}`
        figures[`${key}_rps`] = mock.rps
        figures[`${key}_p99_ms`] = mock.p99
        figures[`${key}_bare_rps`] = limit.rps
        figures[`${key}_express_rps`] = framework.rps
        figures[`${key}_ratio`] = Number(ratio.toFixed(3))
      }
    }
  } finally {
    await server.close()
    await new Promise((done) => bare.close(done))
    await new Promise((done) => expressServer.close(done))
  }
  log(
    'latencies in ms (autocannon, whole milliseconds); ratio = mock req/s ÷ bare node:http req/s; vs express = mock req/s ÷ Express answering the same bytes',
  )
  // Issue 18's targets: each case ≥ 60% of bare at 1 and 10 connections, p99 < 10 ms at 10.
  const targets: Record<string, string> = {}
  for (const [name] of cases) {
    const ratios = [figures[`${name}_c1_ratio`]!, figures[`${name}_c10_ratio`]!]
    targets[`target_${name}_ratio_ge_0.6`] = ratios.every((r) => r >= 0.6) ? 'met' : 'not_met'
    targets[`target_${name}_c10_p99_lt_10ms`] =
      figures[`${name}_c10_p99_ms`]! < 10 ? 'met' : 'not_met'
  }
  result({ ...figures, ...targets })
}

await main()
