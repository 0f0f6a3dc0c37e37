/** Checks the answers: well-formed SOAP whose every ResponseCode is in ResponseCodeType. */
import { DOMParser } from '@xmldom/xmldom'
import type { Document, Element } from '@xmldom/xmldom'
import { NS } from './schema.ts'

function childElementsOf(el: Element): Element[] {
  const out: Element[] = []
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element)
  return out
}

export interface Verdict {
  /** `<status> <code>` for the tally, e.g. `200 NoError`, `500 ErrorSchemaValidation`, `413`. */
  key: string
  codes: string[]
  /** Why this answer is a crash; undefined when it is an acceptable answer. */
  problem: string | undefined
}

/** Anything outside the XML 1.0 Char production. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** Checks one answer (see the top of index.ts for what is acceptable). */
export function checkAnswer(
  status: number,
  contentType: string,
  text: string,
  responseCodes: ReadonlySet<string>,
): Verdict {
  if (status === 413) return { key: '413', codes: [], problem: undefined }
  const fail = (problem: string, codes: string[] = []): Verdict => ({
    key: `${status} ${codes.join(',') || '(no code)'}`,
    codes,
    problem,
  })
  if (status !== 200 && status !== 500) return fail(`HTTP ${status}`)
  if (!/^text\/xml\b/.test(contentType))
    return fail(`HTTP ${status} with Content-Type ${contentType}`)
  const bad = NOT_XML_CHAR.exec(text)
  if (bad)
    return fail(
      `HTTP ${status} with a character XML does not allow: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${bad.index}`,
    )
  let doc: Document
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        // U+FFFD is an XML character like any other; xmldom only suspects an encoding problem.
        if (level === 'warning' && /replacement character/i.test(message)) return
        throw new Error(message)
      },
    }).parseFromString(text, 'text/xml')
  } catch (e) {
    return fail(`HTTP ${status} with ill-formed XML: ${(e as Error).message.slice(0, 200)}`)
  }
  const env = doc.documentElement
  if (!env || env.localName !== 'Envelope' || env.namespaceURI !== NS.s)
    return fail(`HTTP ${status} whose root is not a SOAP 1.1 Envelope`)
  const body = childElementsOf(env).find((e) => e.localName === 'Body' && e.namespaceURI === NS.s)
  const first = body && childElementsOf(body)[0]
  if (!first) return fail(`HTTP ${status} with an empty soap:Body`)
  let codes: string[]
  if (status === 500) {
    if (first.localName !== 'Fault' || first.namespaceURI !== NS.s)
      return fail('HTTP 500 that is not a SOAP fault')
    const detail = childElementsOf(first).find((e) => e.localName === 'detail')
    codes = (detail ? childElementsOf(detail) : [])
      .filter((e) => e.localName === 'ResponseCode' && e.namespaceURI === NS.e)
      .map((e) => e.textContent ?? '')
    if (codes.length !== 1) return fail('a SOAP fault without one detail/e:ResponseCode', codes)
  } else {
    if (first.namespaceURI !== NS.m || !first.localName?.endsWith('Response'))
      return fail(`HTTP 200 whose body is {${first.namespaceURI ?? ''}}${first.localName ?? ''}`)
    const messages = childElementsOf(first).find((e) => e.localName === 'ResponseMessages')
    const list = messages ? childElementsOf(messages) : []
    codes = list.map(
      (m) => childElementsOf(m).find((e) => e.localName === 'ResponseCode')?.textContent ?? '',
    )
    if (codes.length === 0) return fail('HTTP 200 without response messages')
  }
  const key = `${status} ${[...new Set(codes)].sort().join(',')}`
  const unknown = codes.filter((c) => !responseCodes.has(c))
  if (unknown.length > 0)
    return { key, codes, problem: `ResponseCode not in ResponseCodeType: ${unknown.join(', ')}` }
  if (codes.includes('ErrorInternalServerError'))
    return { key, codes, problem: 'ErrorInternalServerError: an operation threw' }
  return { key, codes, problem: undefined }
}
