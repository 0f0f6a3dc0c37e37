/**
 * POX Autodiscover, the Outlook provider (`responseschema/2006a`), as Outlook and the Skype for
 * Business client use it (reference/ews-protocol.md §5.1; Microsoft Learn "POX Autodiscover
 * request/response for Exchange"). Answers are HTTP 200; problems are an `Error` element.
 */
import type { Element } from '../soap/xml-tree.ts'
import { text } from '../soap/dom.ts'
import { writeDocument } from '../soap/xml-writer.ts'
import type { MailboxLookup, UserSettings } from './settings.ts'
import { userSettings } from './settings.ts'

export const POX = {
  request: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006',
  response: 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
  outlook: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
} as const

/** The answer to one POX request: settings for the user, or an error code and message. */
export function answerPox(
  root: Element | null,
  lookup: MailboxLookup,
  baseUrl: string,
  now: Date,
): string {
  const req = root ? [...childrenNamed(root, 'Request')][0] : undefined
  const email = req && text(first(req, 'EMailAddress'))?.trim()
  const schema = req && text(first(req, 'AcceptableResponseSchema'))?.trim()
  if (!root || root.localName !== 'Autodiscover' || root.namespaceURI !== POX.request || !email) {
    return errorAnswer(600, 'Invalid Request', now)
  }
  if (schema !== POX.outlook) return errorAnswer(601, 'Requested schema version not supported', now)
  const user = lookup(email)
  if (!user) {
    return errorAnswer(500, "The email address can't be found.", now)
  }
  return settingsAnswer(userSettings(user, baseUrl))
}

function settingsAnswer(s: UserSettings): string {
  const online = s.user.profile.deployment === 'online'
  return writeDocument((doc) => {
    const response = doc.ele(POX.response, 'Autodiscover').ele(POX.outlook, 'Response')
    const user = response.ele(POX.outlook, 'User')
    user.ele(POX.outlook, 'DisplayName').txt(s.user.displayName)
    user.ele(POX.outlook, 'LegacyDN').txt(s.legacyDn)
    user.ele(POX.outlook, 'AutoDiscoverSMTPAddress').txt(s.user.address)
    user.ele(POX.outlook, 'DeploymentId').txt(s.deploymentId)
    const account = response.ele(POX.outlook, 'Account')
    account.ele(POX.outlook, 'AccountType').txt('email')
    account.ele(POX.outlook, 'Action').txt('settings')
    account.ele(POX.outlook, 'MicrosoftOnline').txt(online ? 'True' : 'False')
    const exch = account.ele(POX.outlook, 'Protocol')
    exch.ele(POX.outlook, 'Type').txt('EXCH')
    exch.ele(POX.outlook, 'Server').txt(s.mailboxServer)
    exch.ele(POX.outlook, 'ServerVersion').txt(s.serverVersionHex)
    for (const name of ['ASUrl', 'EwsUrl', 'EmwsUrl', 'OOFUrl'])
      exch.ele(POX.outlook, name).txt(s.ewsUrl)
    const expr = account.ele(POX.outlook, 'Protocol')
    expr.ele(POX.outlook, 'Type').txt('EXPR')
    expr.ele(POX.outlook, 'Server').txt(new URL(s.ewsUrl).hostname)
    expr.ele(POX.outlook, 'SSL').txt(s.ewsUrl.startsWith('https:') ? 'On' : 'Off')
    expr.ele(POX.outlook, 'AuthPackage').txt(online ? 'Anonymous' : 'Basic')
    expr.ele(POX.outlook, 'ASUrl').txt(s.ewsUrl)
    expr.ele(POX.outlook, 'EwsUrl').txt(s.ewsUrl)
  })
}

function errorAnswer(code: number, message: string, now: Date): string {
  return writeDocument((doc) => {
    const error = doc
      .ele(POX.response, 'Autodiscover')
      .ele(POX.outlook, 'Response')
      .ele(POX.outlook, 'Error')
      .att('Time', now.toISOString().slice(11, 23))
      .att('Id', '2477272013')
    error.ele(POX.outlook, 'ErrorCode').txt(String(code))
    error.ele(POX.outlook, 'Message').txt(message)
    error.ele(POX.outlook, 'DebugData')
  })
}

function* childrenNamed(el: Element, localName: string): Iterable<Element> {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === localName) yield n as Element
  }
}

function first(el: Element, localName: string): Element | undefined {
  return [...childrenNamed(el, localName)][0]
}
