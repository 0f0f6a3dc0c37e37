/**
 * Test helpers for talking SOAP to mock-ews: an app with deterministic parts, request envelopes
 * written by hand (independent of the server's XML code), and namespace-aware reading of answers.
 */
import { DOMParser } from '@xmldom/xmldom'
import type { Document } from '@xmldom/xmldom'
import request from 'supertest'
import xpath from 'xpath'
import { createEwsApp, FakeClock, seededIds } from '../../mock-ews/index.ts'
import type { EwsApp, EwsAppOptions } from '../../mock-ews/index.ts'
import { captureExchange } from './capture.ts'

export const NS = {
  s: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
}

export const PASSWORD = 'P@ssw0rd'

/** An app on the demo topology with a fake clock and seeded ids; responses are captured for conformance. */
export function testApp(options: EwsAppOptions = {}): EwsApp {
  return createEwsApp({
    clock: new FakeClock('2016-06-10T09:00:00Z'),
    ids: seededIds(7),
    observe: captureExchange,
    ...options,
  })
}

/** A SOAP request as ews-javascript-api writes it (soap: prefix, version header). */
export function envelope(body: string, version = 'Exchange2013'): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"' +
    ` xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    (version ? `<soap:Header><t:RequestServerVersion Version="${version}"/></soap:Header>` : '') +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

export interface SoapAnswer {
  status: number
  headers: Record<string, string>
  text: string
  doc: Document
  /** XPath over the answer with prefixes s, m, t, e. */
  select(expr: string): Node[]
  /** String value of an XPath expression. */
  value(expr: string): string
  /** ResponseCode of every response message, in order. */
  codes(): string[]
  /** The fault's ResponseCode (detail/e:ResponseCode). */
  faultCode(): string
}

/** POSTs a body (a full envelope, or anything else) as `user` with Basic auth. */
export async function post(
  app: EwsApp['app'],
  body: string | Buffer,
  user = 'alice@contoso.com',
): Promise<SoapAnswer> {
  const res = await request(app)
    .post('/EWS/Exchange.asmx')
    .auth(user, PASSWORD)
    .set('Content-Type', 'text/xml; charset=utf-8')
    .send(body)
  return answer(res.status, res.headers as Record<string, string>, res.text)
}

/** Sends one operation element in a standard envelope. */
export function call(app: EwsApp['app'], operation: string, user?: string): Promise<SoapAnswer> {
  return post(app, envelope(operation), user)
}

const select = xpath.useNamespaces(NS)

export function answer(status: number, headers: Record<string, string>, text: string): SoapAnswer {
  const doc = new DOMParser().parseFromString(text, 'text/xml')
  const sel = (expr: string): Node[] => select(expr, doc as unknown as Node) as Node[]
  return {
    status,
    headers,
    text,
    doc,
    select: sel,
    value: (expr) => String(select(`string(${expr})`, doc as unknown as Node)),
    codes: () => sel('//m:ResponseMessages/*/m:ResponseCode').map((n) => n.textContent ?? ''),
    faultCode: () =>
      String(select('string(//s:Fault/detail/e:ResponseCode)', doc as unknown as Node)),
  }
}

/** `<t:DistinguishedFolderId Id="…"/>` elements for a list of names. */
export function distinguished(...names: string[]): string {
  return names.map((n) => `<t:DistinguishedFolderId Id="${n}"/>`).join('')
}

/** GetFolder for the given folder id elements. */
export function getFolderXml(ids: string, shape = 'Default', extra = ''): string {
  return (
    `<m:GetFolder><m:FolderShape><t:BaseShape>${shape}</t:BaseShape>${extra}</m:FolderShape>` +
    `<m:FolderIds>${ids}</m:FolderIds></m:GetFolder>`
  )
}

/** Id of a distinguished folder of `user`, read through GetFolder. */
export async function folderIdOf(app: EwsApp['app'], name: string, user?: string): Promise<string> {
  const res = await call(app, getFolderXml(distinguished(name), 'IdOnly'), user)
  const id = res.value('//t:FolderId/@Id')
  if (!id) throw new Error(`no folder id for ${name}: ${res.text}`)
  return id
}

/** Creates a folder and returns its id. */
export async function createFolderIn(
  app: EwsApp['app'],
  parent: string,
  name: string,
  user?: string,
): Promise<string> {
  const res = await call(
    app,
    `<m:CreateFolder><m:ParentFolderId>${parent}</m:ParentFolderId><m:Folders><t:Folder><t:DisplayName>${name}</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`,
    user,
  )
  const id = res.value('//t:FolderId/@Id')
  if (!id) throw new Error(`CreateFolder failed: ${res.text}`)
  return id
}
