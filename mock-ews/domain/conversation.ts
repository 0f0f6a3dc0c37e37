/**
 * A message's conversation (ConversationId, ConversationIndex), worked out from its own header
 * fields alone, so every copy of a message in every mailbox agrees and nothing is looked up:
 * the thread's root is the first Message-ID of References (else InReplyTo, else the message's
 * own InternetMessageId). The index is Outlook's layout (PR_CONVERSATION_INDEX): a 22-byte
 * header (0x01, five "time" bytes, a 16-byte GUID), then five bytes per reply below the root,
 * so a reply's index extends its parent's. Hashes stand in for the time and the GUID
 * (docs/decisions/0036-item-properties.md).
 */
import { createHash } from 'node:crypto'
import type { ItemFields } from './items.ts'

type ThreadFields = Pick<ItemFields, 'internetMessageId' | 'inReplyTo' | 'references'>

/** The Message-IDs of the thread above the message, root first. */
function chain(item: ThreadFields): string[] {
  const refs = item.references?.match(/<[^<>]*>|[^\s<>]+/g) ?? []
  if (refs.length > 0) return refs
  const parent = item.inReplyTo?.trim()
  return parent ? [parent] : []
}

/** A Message-ID compared as RFC 5322 compares it: without its angle brackets, case aside. */
function digest(messageId: string): Buffer {
  const bare = messageId
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .toLowerCase()
  return createHash('sha256').update(bare).digest()
}

/** PR_CONVERSATION_INDEX of the message. */
export function conversationIndex(item: ThreadFields): Buffer {
  const above = chain(item)
  const root = above[0] ?? item.internetMessageId
  const h = digest(root)
  const parts = [Buffer.from([0x01]), h.subarray(0, 5), h.subarray(5, 21)]
  if (above.length > 0) {
    for (const id of [...above.slice(1), item.internetMessageId])
      parts.push(digest(id).subarray(0, 5))
  }
  return Buffer.concat(parts)
}

/** The ConversationId (an opaque id): the same for every message of the thread. */
export function conversationId(item: ThreadFields): string {
  const guid = conversationIndex(item).subarray(6, 22)
  return Buffer.concat([Buffer.from('CONV', 'latin1'), guid]).toString('base64')
}

/** ConversationTopic: the subject without its reply and forward prefixes. */
export function conversationTopic(subject: string): string {
  return subject.replace(/^\s*((re|fw|fwd|aw|wg):\s*)+/i, '')
}
