/**
 * SOAP Autodiscover (`/autodiscover/autodiscover.svc`), GetUserSettings, as the EWS Managed API,
 * ews-javascript-api and exchangelib use it (reference/ews-protocol.md §5.2; Microsoft Learn
 * "GetUserSettings operation (SOAP)").
 */
import { XMLNS_NS } from '../soap/namespaces.ts'
import type { Element } from '../soap/xml-tree.ts'
import { writeDocument } from '../soap/xml-writer.ts'
import type { XmlElement } from '../soap/xml-writer.ts'
import type { ExchangeProfile, ServerVersionInfo } from '../topology/profiles.ts'
import type { MailboxLookup, UserSettings } from './settings.ts'
import { userSettings } from './settings.ts'

export const AUTODISCOVER_NS = 'http://schemas.microsoft.com/exchange/2010/Autodiscover'
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const WSA = 'http://www.w3.org/2005/08/addressing'
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'

/** The settings mock-ews can give, by their GetUserSettings name. */
const SETTINGS: Record<string, (s: UserSettings) => string> = {
  UserDisplayName: (s) => s.user.displayName,
  UserDN: (s) => s.legacyDn,
  UserDeploymentId: (s) => s.deploymentId,
  AutoDiscoverSMTPAddress: (s) => s.user.address,
  InternalEwsUrl: (s) => s.ewsUrl,
  ExternalEwsUrl: (s) => s.ewsUrl,
  InternalMailboxServer: (s) => s.mailboxServer,
  MailboxDN: (s) => `${s.legacyDn}/cn=Mailbox`,
  CasVersion: (s) => s.casVersion,
  EwsSupportedSchemas: (s) => s.ewsSupportedSchemas,
}

export interface GetUserSettingsRequest {
  mailboxes: string[]
  settings: string[]
}

/** Reads a GetUserSettings request envelope; undefined when it is not one. */
export function readGetUserSettings(envelope: Element | null): GetUserSettingsRequest | undefined {
  const body =
    envelope && envelope.namespaceURI === SOAP ? descendant(envelope, SOAP, 'Body') : undefined
  const message = body && descendant(body, AUTODISCOVER_NS, 'GetUserSettingsRequestMessage')
  if (!message) return undefined
  return {
    mailboxes: all(message, 'Mailbox').map((m) => (m.textContent ?? '').trim()),
    settings: all(message, 'Setting').map((s) => (s.textContent ?? '').trim()),
  }
}

export function answerGetUserSettings(
  req: GetUserSettingsRequest,
  lookup: MailboxLookup,
  baseUrl: string,
  profile: ExchangeProfile,
): string {
  return writeDocument((doc) => {
    const env = doc.ele(SOAP, 's:Envelope').att(XMLNS_NS, 'xmlns:a', WSA)
    const header = env.ele(SOAP, 's:Header')
    header
      .ele(WSA, 'a:Action')
      .att(SOAP, 's:mustUnderstand', '1')
      .txt(
        'http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettingsResponse',
      )
    writeVersion(
      header.ele(AUTODISCOVER_NS, 'h:ServerVersionInfo'),
      profile.serverVersionInfo,
      profile.autodiscoverVersion,
    )
    const response = env
      .ele(SOAP, 's:Body')
      .ele(AUTODISCOVER_NS, 'GetUserSettingsResponseMessage')
      .ele(AUTODISCOVER_NS, 'Response')
      .att(XMLNS_NS, 'xmlns:i', XSI)
    response.ele(AUTODISCOVER_NS, 'ErrorCode').txt('NoError')
    response.ele(AUTODISCOVER_NS, 'ErrorMessage')
    const users = response.ele(AUTODISCOVER_NS, 'UserResponses')
    for (const mailbox of req.mailboxes) {
      const user = lookup(mailbox)
      const r = users.ele(AUTODISCOVER_NS, 'UserResponse')
      if (!user) {
        r.ele(AUTODISCOVER_NS, 'ErrorCode').txt('InvalidUser')
        r.ele(AUTODISCOVER_NS, 'ErrorMessage').txt(`Invalid user: '${mailbox}'`)
        r.ele(AUTODISCOVER_NS, 'RedirectTarget').att(XSI, 'i:nil', 'true')
        r.ele(AUTODISCOVER_NS, 'UserSettingErrors')
        r.ele(AUTODISCOVER_NS, 'UserSettings')
        continue
      }
      writeUserResponse(r, userSettings(user, baseUrl), req.settings)
    }
  })
}

function writeUserResponse(r: XmlElement, s: UserSettings, requested: string[]): void {
  r.ele(AUTODISCOVER_NS, 'ErrorCode').txt('NoError')
  r.ele(AUTODISCOVER_NS, 'ErrorMessage').txt('No error.')
  r.ele(AUTODISCOVER_NS, 'RedirectTarget').att(XSI, 'i:nil', 'true')
  // Errors first, then settings: the writer streams, so an element is finished once a later
  // sibling starts.
  const errors = r.ele(AUTODISCOVER_NS, 'UserSettingErrors')
  for (const name of requested) {
    if (SETTINGS[name]) continue
    const e = errors.ele(AUTODISCOVER_NS, 'UserSettingError')
    e.ele(AUTODISCOVER_NS, 'ErrorCode').txt('SettingIsNotAvailable')
    e.ele(AUTODISCOVER_NS, 'ErrorMessage').txt(`User setting '${name}' is not available. `)
    e.ele(AUTODISCOVER_NS, 'SettingName').txt(name)
  }
  const settings = r.ele(AUTODISCOVER_NS, 'UserSettings')
  for (const name of requested) {
    const get = SETTINGS[name]
    if (!get) continue
    const setting = settings.ele(AUTODISCOVER_NS, 'UserSetting').att(XSI, 'i:type', 'StringSetting')
    setting.ele(AUTODISCOVER_NS, 'Name').txt(name)
    setting.ele(AUTODISCOVER_NS, 'Value').txt(get(s))
  }
}

/** An Autodiscover SOAP fault (not a GetUserSettings request, or not SOAP). */
export function autodiscoverFault(message: string): string {
  return writeDocument((doc) => {
    const fault = doc.ele(SOAP, 's:Envelope').ele(SOAP, 's:Body').ele(SOAP, 's:Fault')
    fault.ele('faultcode').txt('s:Client')
    fault.ele('faultstring').att('xml:lang', 'en-US').txt(message)
  })
}

function writeVersion(el: XmlElement, v: ServerVersionInfo, version: string): void {
  el.ele(AUTODISCOVER_NS, 'h:MajorVersion').txt(String(v.majorVersion))
  el.ele(AUTODISCOVER_NS, 'h:MinorVersion').txt(String(v.minorVersion))
  el.ele(AUTODISCOVER_NS, 'h:MajorBuildNumber').txt(String(v.majorBuildNumber))
  el.ele(AUTODISCOVER_NS, 'h:MinorBuildNumber').txt(String(v.minorBuildNumber))
  el.ele(AUTODISCOVER_NS, 'h:Version').txt(version)
}

function descendant(el: Element, ns: string, localName: string): Element | undefined {
  return all(el, localName).find((e) => e.namespaceURI === ns)
}

function all(el: Element, localName: string): Element[] {
  return Array.from(el.getElementsByTagNameNS('*', localName)) as unknown as Element[]
}
