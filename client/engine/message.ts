/**
 * The offline IM as the client writes it into EWS: class IPM.Note.Microsoft.Missed (the product's
 * class; the documentation's "IM.Note.MissedConversation" is a typo of it, DESIGN.md "Item
 * classes"), the subjects Skype for Business uses (reference §4, S17), the lines as HTML, and the
 * InternetMessageId the spool entry was given.
 */
import type { NewMessage } from '../ews/index.ts'
import { linesOf } from './spooler.ts'
import type { SpoolEntry } from './spooler.ts'

export const MISSED_CLASS = 'IPM.Note.Microsoft.Missed'
export const CONVERSATION_CLASS = 'IPM.Note.Microsoft.Conversation'

/**
 * The missed-conversation item of one spool entry (S17): one message → "<Sender> sent you a
 * message in Skype for Business"; more than one → "Missed conversation with <Sender>". The body
 * holds every line in order, each with the sender's display name and the time it was sent (UTC).
 * Builds before 16.0.7571.2072 leave the first line out of a conversation of several ("a missed
 * conversation email doesn't contain the initial IM", fixed in that build).
 */
export function offlineImMessage(
  entry: SpoolEntry,
  senderName: string,
  options: { includesInitialIm: boolean } = { includesInitialIm: true },
): NewMessage {
  const lines = linesOf(entry)
  const shown = lines.length > 1 && !options.includesInitialIm ? lines.slice(1) : lines
  return {
    itemClass: MISSED_CLASS,
    subject:
      lines.length > 1
        ? `Missed conversation with ${senderName}`
        : `${senderName} sent you a message in Skype for Business`,
    body: { type: 'HTML', text: missedItemBody(shown, senderName) },
    to: [entry.to],
    internetMessageId: entry.internetMessageId,
  }
}

/** The HTML body: one `<div>` per line, with the sender's name and the time it was sent. */
export function missedItemBody(
  lines: readonly { text: string; sentAt: string }[],
  senderName: string,
): string {
  const name = escapeHtml(senderName)
  const divs = lines.map(
    (l) =>
      `<div><span class="sender">${name}</span> <span class="time">${timeOf(l.sentAt)}</span>: ${escapeHtml(l.text)}</div>`,
  )
  return `<html><body>${divs.join('')}</body></html>`
}

/** "2016-12-15T09:00:05.000Z" → "09:00:05 UTC". */
function timeOf(iso: string): string {
  return `${iso.slice(11, 19)} UTC`
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
