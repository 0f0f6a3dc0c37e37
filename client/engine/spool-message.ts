/**
 * Spooling an offline IM (reference/sfb-offline-im.md §4, S17; docs/decisions/0029): a message to a
 * contact who is offline joins the conversation already waiting for that contact — same recipient,
 * same sign-in session, not yet picked up — or starts a new spool entry, due 2 minutes later. One
 * entry becomes one missed-conversation item (message.ts). The sender is told when it will reach
 * the recipient's mailbox and that the recipient sees it at sign-in.
 */
import type { Emit } from './ews-step.ts'
import type { SendOutcome } from './options.ts'
import type { Pickup } from './pickup.ts'
import { PICKUP_DELAY_MS } from './pickup.ts'
import type { Clock, Presence } from './ports.ts'
import { linesOf } from './spooler.ts'
import type { HistorySpooler, SpoolEntry } from './spooler.ts'

export interface SpoolContext {
  address: string
  clock: Clock
  spooler: HistorySpooler
  pickup: Pickup
  emit: Emit
  /** The sign-in session (its start time): a conversation does not outlive it. */
  session: string
  newId(): string
}

export async function spoolMessage(
  c: SpoolContext,
  to: string,
  text: string,
  presence: Presence,
): Promise<SendOutcome> {
  const sentAt = c.clock.now().toISOString()
  const open = c.pickup.spooled.find(
    (e) =>
      e.to === to &&
      e.session === c.session &&
      e.attempts === 0 &&
      e.inFlight === undefined &&
      e.drafts.length === 0,
  )
  if (open) {
    open.lines = [...linesOf(open), { text, sentAt }]
    await c.spooler.write(open)
    c.emit('spool.append', { entry: open.id, to, presence, lines: open.lines.length })
    return spooled(open, to)
  }
  const id = c.newId()
  const entry: SpoolEntry = {
    id,
    from: c.address,
    to,
    text,
    sentAt,
    session: c.session,
    internetMessageId: `<${id}@${c.address.split('@')[1] ?? 'localhost'}>`,
    dueAt: new Date(Date.parse(sentAt) + PICKUP_DELAY_MS).toISOString(),
    attempts: 0,
    drafts: [],
  }
  await c.spooler.write(entry)
  c.pickup.add(entry)
  c.emit('spool.write', {
    entry: id,
    to,
    presence,
    file: c.spooler.fileOf(id),
    internetMessageId: entry.internetMessageId,
    dueAt: entry.dueAt,
  })
  c.pickup.schedule()
  return spooled(entry, to)
}

function spooled(entry: SpoolEntry, to: string): SendOutcome {
  return {
    kind: 'spooled',
    entryId: entry.id,
    dueAt: entry.dueAt,
    notice: `${to} is offline. Your message will reach their mailbox in about 2 minutes, and they will see it when they sign in.`,
  }
}
