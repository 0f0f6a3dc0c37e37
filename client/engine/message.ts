/**
 * The offline IM as the client writes it into EWS: class IPM.Note.Microsoft.Missed (the product's
 * class; the documentation's "IM.Note.MissedConversation" is a typo of it, DESIGN.md "Item
 * classes"), the subject Skype for Business uses for a single missed message (reference §4, S17),
 * the text as HTML, and the InternetMessageId the spool entry was given.
 */
import type { NewMessage } from '../ews/index.ts'
import type { SpoolEntry } from './spooler.ts'

export const MISSED_CLASS = 'IPM.Note.Microsoft.Missed'
export const CONVERSATION_CLASS = 'IPM.Note.Microsoft.Conversation'

export function offlineImMessage(entry: SpoolEntry, senderName: string): NewMessage {
  return {
    itemClass: MISSED_CLASS,
    subject: `${senderName} sent you a message in Skype for Business`,
    body: { type: 'HTML', text: `<html><body><div>${escapeHtml(entry.text)}</div></body></html>` },
    to: [entry.to],
    internetMessageId: entry.internetMessageId,
  }
}

/** "alice@contoso.com" → "Alice". */
export function defaultDisplayName(address: string): string {
  const local = address.split('@')[0] ?? address
  return local.charAt(0).toUpperCase() + local.slice(1)
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
