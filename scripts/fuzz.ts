/**
 * Fuzzes a fresh mock-ews with seeded mutations of real client requests (scripts/lib/fuzz.ts) and
 * reports how it answered.
 *
 *   npx tsx scripts/fuzz.ts [--seed N] [--count N] [--mutations truncate,bytes,…] [--concurrency N]
 *                           [--schema DIR]    (default: $EWS_SCHEMA_DIR, else ../shared/ews-schema)
 *   npm run fuzz -- --seed 7 --count 50000
 *
 * 'repeat' copies any element, ids and parent folders included, up to 10,000 times (at most 512 KB
 * of copies): every request is bounded (README "Limits"), so batches of thousands are answered or
 * refused like any other request.
 *
 * Prints the answers by HTTP status and response code, every crash (with its index and mutations:
 * the same seed and --concurrency 1 reproduce it), and a final line
 *   RESULT seed=… requests=… crashes=… ms=… server-alive=…
 * Exits 1 when there was a crash or the server stopped answering a valid request.
 */
import {
  ALL_MUTATIONS,
  DEFAULT_SCHEMA_DIR,
  checkAnswer,
  generateCases,
  responseCodesOf,
  runCases,
} from './lib/fuzz/index.ts'
import type { MutationKind } from './lib/fuzz/index.ts'
import { startFuzzServer } from './lib/fuzz-server.ts'

const USER = 'alice@contoso.com'
const PASSWORD = 'P@ssw0rd'

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? process.argv[at + 1] : undefined
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: fuzz [--seed N] [--count N] [--mutations ${ALL_MUTATIONS.join(',')}] [--concurrency N] [--schema DIR]\n`,
  )
  process.exit(2)
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    `usage: fuzz [--seed N] [--count N] [--mutations ${ALL_MUTATIONS.join(',')}] [--concurrency N] [--schema DIR]\n` +
      '--schema defaults to $EWS_SCHEMA_DIR, else ../shared/ews-schema beside the checkout\n',
  )
  process.exit(0)
}

const seed = Number(option('seed') ?? 1)
const count = Number(option('count') ?? 10_000)
if (!Number.isSafeInteger(seed)) usage('--seed takes a whole number')
if (!Number.isSafeInteger(count) || count < 1) usage('--count takes a positive whole number')
const concurrency = Number(option('concurrency') ?? 4)
if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 20)
  usage('--concurrency takes a whole number from 1 to 20')
const kinds = (option('mutations')?.split(',') ?? ALL_MUTATIONS) as MutationKind[]
for (const k of kinds) if (!ALL_MUTATIONS.includes(k)) usage(`unknown mutation ${k}`)
const responseCodes = responseCodesOf(
  option('schema') ?? (process.env.EWS_SCHEMA_DIR || DEFAULT_SCHEMA_DIR),
)

const server = await startFuzzServer({ seed, user: USER, password: PASSWORD })
const authorization = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`
const send = async (body: string): Promise<{ status: number; text: string }> => {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'text/xml; charset=utf-8' },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  return { status: res.status, text: await res.text() }
}

try {
  process.stdout.write(
    `fuzz: seed ${seed}, ${count} requests, ${concurrency} at a time, mutations ${kinds.join(',')}, ${server.url}\n`,
  )
  const report = await runCases(generateCases(seed, count, server.ids, { kinds }), {
    url: server.url,
    user: USER,
    password: PASSWORD,
    responseCodes,
    concurrency,
  })

  // Still alive: a valid request gets a valid answer.
  let alive = false
  try {
    const res = await send(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
        '<s:Body><m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
        '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></s:Body></s:Envelope>',
    )
    const verdict = checkAnswer(res.status, 'text/xml', res.text, responseCodes)
    alive = res.status === 200 && verdict.problem === undefined && verdict.codes[0] === 'NoError'
  } catch {
    alive = false
  }

  const sorted = (m: Map<string, number>): [string, number][] =>
    [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  process.stdout.write('\nanswers by HTTP status and response codes:\n')
  for (const [key, n] of sorted(report.byKey))
    process.stdout.write(`  ${String(n).padStart(7)}  ${key}\n`)
  process.stdout.write('\nresponse codes (every response message and fault):\n')
  for (const [code, n] of sorted(report.byCode))
    process.stdout.write(`  ${String(n).padStart(7)}  ${code}\n`)
  for (const p of report.problems.slice(0, 50)) {
    process.stdout.write(
      `\nCRASH #${p.index} (${p.seedName}; ${p.mutations.join('; ')}): ${p.problem}\n  ${p.answer.replace(/\s+/g, ' ')}\n`,
    )
  }
  if (report.problems.length > 50)
    process.stdout.write(`\n… and ${report.problems.length - 50} more crashes\n`)
  const statuses = new Map<string, number>()
  for (const [key, n] of report.byKey) {
    const status = key.split(' ')[0]!
    statuses.set(status, (statuses.get(status) ?? 0) + n)
  }
  const byStatus = [...statuses]
    .sort()
    .map(([s, n]) => `status${s}=${n}`)
    .join(' ')
  process.stdout.write(
    `${server.died ? `\nthe server died: ${server.died}\n` : ''}\nRESULT seed=${seed} count=${count} requests=${report.requests} crashes=${report.problems.length} ${byStatus} ms=${Math.round(report.ms)} server-alive=${alive}\n`,
  )
  if (report.problems.length > 0 || !alive) process.exitCode = 1
} finally {
  await server.close()
}
