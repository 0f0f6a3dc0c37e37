/**
 * Test helpers for Autodiscover: POX and SOAP request bodies written by hand (independent of the
 * server's XML code, shaped as reference/ews-protocol.md §5 has them), posting them, and reading
 * the answers namespace-aware.
 */
import { DOMParser } from '@xmldom/xmldom'
import request from 'supertest'
import xpath from 'xpath'
import type { EwsApp } from '../../mock-ews/index.ts'
import { PASSWORD } from './ews.ts'

export const AD_NS = {
  s: 'http://schemas.xmlsoap.org/soap/envelope/',
  /** POX request namespace. */
  req: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006',
  /** POX response root (`Autodiscover`) namespace. */
  r: 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
  /** POX Outlook provider response namespace (`Response` and below). */
  o: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
  /** SOAP Autodiscover namespace. */
  a: 'http://schemas.microsoft.com/exchange/2010/Autodiscover',
  wsa: 'http://www.w3.org/2005/08/addressing',
  i: 'http://www.w3.org/2001/XMLSchema-instance',
}

export const OUTLOOK_SCHEMA = AD_NS.o

/** A POX Autodiscover request as Outlook and the Skype for Business client send it. */
export function poxRequest(email: string, schema: string = OUTLOOK_SCHEMA): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<Autodiscover xmlns="${AD_NS.req}"><Request>` +
    `<EMailAddress>${email}</EMailAddress>` +
    `<AcceptableResponseSchema>${schema}</AcceptableResponseSchema>` +
    '</Request></Autodiscover>'
  )
}

/** A SOAP 1.1 GetUserSettings request as ews-javascript-api writes it. */
export function getUserSettingsRequest(mailboxes: string[], settings: string[]): string {
  return (
    `<soap:Envelope xmlns:a="${AD_NS.a}" xmlns:wsa="${AD_NS.wsa}" xmlns:xsi="${AD_NS.i}" xmlns:soap="${AD_NS.s}">` +
    '<soap:Header><a:RequestedServerVersion>Exchange2013</a:RequestedServerVersion>' +
    `<wsa:Action>${AD_NS.a}/Autodiscover/GetUserSettings</wsa:Action>` +
    '<wsa:To>https://autodiscover.contoso.com/autodiscover/autodiscover.svc</wsa:To></soap:Header>' +
    '<soap:Body><a:GetUserSettingsRequestMessage><a:Request><a:Users>' +
    mailboxes.map((m) => `<a:User><a:Mailbox>${m}</a:Mailbox></a:User>`).join('') +
    '</a:Users><a:RequestedSettings>' +
    settings.map((s) => `<a:Setting>${s}</a:Setting>`).join('') +
    '</a:RequestedSettings></a:Request></a:GetUserSettingsRequestMessage></soap:Body></soap:Envelope>'
  )
}

const select = xpath.useNamespaces(AD_NS)

export interface XmlAnswer {
  status: number
  headers: Record<string, string>
  text: string
  /** XPath over the answer with prefixes s, r, o, a, wsa, i. */
  select(expr: string): Node[]
  /** String value of an XPath expression. */
  value(expr: string): string
}

export function xmlAnswer(
  status: number,
  headers: Record<string, string>,
  text: string,
): XmlAnswer {
  // A body that is not XML (empty, or the text of a 401) reads as an empty document.
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(
    text.trimStart().startsWith('<') ? text : '<empty/>',
    'text/xml',
  ) as unknown as Node
  return {
    status,
    headers,
    text,
    select: (expr) => select(expr, doc) as Node[],
    value: (expr) => String(select(`string(${expr})`, doc)),
  }
}

export interface PostOptions {
  /** Basic user name (password PASSWORD); null sends no Authorization header. Alice by default. */
  user?: string | null
  /** A full Authorization header value (wins over `user`). */
  authorization?: string
  /** Path of the endpoint; `/autodiscover/autodiscover.xml` or `.svc` by default. */
  path?: string
  /** A Host header to send. */
  host?: string
}

async function postXml(
  app: EwsApp['app'],
  body: string,
  defaultPath: string,
  options: PostOptions,
): Promise<XmlAnswer> {
  const { user = 'alice@contoso.com', authorization, path = defaultPath, host } = options
  const req = request(app).post(path).set('Content-Type', 'text/xml; charset=utf-8')
  if (host !== undefined) req.set('Host', host)
  if (authorization !== undefined) req.set('Authorization', authorization)
  else if (user !== null) req.auth(user, PASSWORD)
  const res = await req.send(body)
  return xmlAnswer(res.status, res.headers as Record<string, string>, res.text)
}

/** POSTs a POX body to `/autodiscover/autodiscover.xml` (or `options.path`). */
export function postPox(
  app: EwsApp['app'],
  body: string,
  options: PostOptions = {},
): Promise<XmlAnswer> {
  return postXml(app, body, '/autodiscover/autodiscover.xml', options)
}

/** POSTs a SOAP body to `/autodiscover/autodiscover.svc` (or `options.path`). */
export function postSoap(
  app: EwsApp['app'],
  body: string,
  options: PostOptions = {},
): Promise<XmlAnswer> {
  return postXml(app, body, '/autodiscover/autodiscover.svc', options)
}

/** The POX error code of an answer ('' when it has no Error element); namespace-agnostic. */
export function poxErrorCode(res: XmlAnswer): string {
  return res.value("//*[local-name()='Error']/*[local-name()='ErrorCode']")
}

/** One GetUserSettings UserResponse, read into plain values. */
export interface UserResponse {
  errorCode: string
  settings: Record<string, string>
  /** Setting name → error code. */
  settingErrors: Record<string, string>
}

/** Every UserResponse of a GetUserSettings answer, in order. */
export function userResponses(res: XmlAnswer): UserResponse[] {
  return res
    .select('//a:GetUserSettingsResponseMessage/a:Response/a:UserResponses/a:UserResponse')
    .map((node) => {
      const sel = (expr: string): Node[] => select(expr, node) as Node[]
      const str = (expr: string): string => String(select(`string(${expr})`, node))
      const settings: Record<string, string> = {}
      for (const s of sel('a:UserSettings/a:UserSetting')) {
        settings[String(select('string(a:Name)', s))] = String(select('string(a:Value)', s))
      }
      const settingErrors: Record<string, string> = {}
      for (const e of sel('a:UserSettingErrors/a:UserSettingError')) {
        settingErrors[String(select('string(a:SettingName)', e))] = String(
          select('string(a:ErrorCode)', e),
        )
      }
      return { errorCode: str('a:ErrorCode'), settings, settingErrors }
    })
}
