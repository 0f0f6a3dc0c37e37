/**
 * Which RequestServerVersion the client speaks to a mailbox server (reference/ews-protocol.md §1.3):
 * the newest the server takes, up to Exchange2013, read from the version Autodiscover reports.
 * Exchange 2010 (14.x) refuses Exchange2013 with ErrorInvalidServerVersion, so 14.0 gets
 * Exchange2010, 14.1 Exchange2010_SP1, 14.2 and later (SP3 included) Exchange2010_SP2; 15.x and
 * Exchange Online get Exchange2013 (the first with the conversationhistory folder). An answer
 * without a version gets Exchange2013, as before.
 */
import type { Discovery } from './autodiscover.ts'

export const DEFAULT_REQUEST_SERVER_VERSION = 'Exchange2013'

export function requestServerVersionFor(discovery: Discovery): string {
  const v = discovery.serverVersion
  if (!v || v.major >= 15) return DEFAULT_REQUEST_SERVER_VERSION
  if (v.major === 14)
    return v.minor >= 2 ? 'Exchange2010_SP2' : v.minor === 1 ? 'Exchange2010_SP1' : 'Exchange2010'
  return 'Exchange2007_SP1'
}

/** Whether the server has the conversationhistory distinguished folder (Exchange 2013 and later). */
export function hasConversationHistoryFolder(requestServerVersion: string): boolean {
  return (
    !requestServerVersion.startsWith('Exchange2010') &&
    !requestServerVersion.startsWith('Exchange2007')
  )
}
