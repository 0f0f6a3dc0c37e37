/** Sends the cases to a server, a few at a time, and tallies the checked answers. */
import { checkAnswer } from './check.ts'
import type { Verdict } from './check.ts'
import type { FuzzCase } from './generate.ts'

export interface FuzzProblem {
  index: number
  seedName: string
  mutations: string[]
  problem: string
  /** The start of the answer, for the report. */
  answer: string
}

export interface FuzzReport {
  requests: number
  /** Answers by `<status> <codes>`. */
  byKey: Map<string, number>
  /** Answers by response code (each code of each answer). */
  byCode: Map<string, number>
  problems: FuzzProblem[]
  ms: number
}

export interface RunOptions {
  url: string
  user: string
  password: string
  responseCodes: ReadonlySet<string>
  /** Requests in flight at once (the cases are still generated in order). */
  concurrency?: number
  /** An answer not complete by then is a hang. */
  timeoutMs?: number
}

/**
 * Sends the cases to a server (keep-alive fetch, `concurrency` at a time) and checks each answer.
 * With concurrency 1 the store sees the requests in generation order: fully reproducible.
 */
export async function runCases(
  cases: Iterable<FuzzCase>,
  options: RunOptions,
): Promise<FuzzReport> {
  const { url, user, password, responseCodes, concurrency = 4, timeoutMs = 10_000 } = options
  const started = performance.now()
  const report: FuzzReport = {
    requests: 0,
    byKey: new Map(),
    byCode: new Map(),
    problems: [],
    ms: 0,
  }
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  const send = async (c: FuzzCase): Promise<void> => {
    report.requests++
    let verdict: Verdict
    let text = ''
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'text/xml; charset=utf-8' },
        body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await res.text()
      verdict = checkAnswer(res.status, res.headers.get('content-type') ?? '', text, responseCodes)
    } catch (e) {
      const name = (e as Error).name
      verdict = {
        key: name === 'TimeoutError' ? 'hang' : 'no answer',
        codes: [],
        problem:
          name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : `no answer: ${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')}`,
      }
    }
    report.byKey.set(verdict.key, (report.byKey.get(verdict.key) ?? 0) + 1)
    for (const code of verdict.codes) report.byCode.set(code, (report.byCode.get(code) ?? 0) + 1)
    if (verdict.problem) {
      report.problems.push({
        index: c.index,
        seedName: c.seedName,
        mutations: c.mutations,
        problem: verdict.problem,
        answer: text.slice(0, 300),
      })
    }
  }
  const iterator = cases[Symbol.iterator]()
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await send(next.value)
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  report.problems.sort((x, y) => x.index - y.index)
  report.ms = performance.now() - started
  return report
}
