/** Prepares the mailbox under test with what the corpus refers to. */
import type { EwsApp } from '../../../mock-ews/index.ts'
import { exchangelib } from './envelopes.ts'
import type { CorpusIds } from './envelopes.ts'

/**
 * Gives the mailbox of `user` what the corpus needs, through the store: items in the Inbox, drafts,
 * a folder of its own, a pull subscription and a sync state (the last two through EWS, via `send`).
 */
export async function prepareMailbox(
  ews: EwsApp,
  user: string,
  send: (body: string) => Promise<{ status: number; text: string }>,
): Promise<CorpusIds> {
  const { store } = ews
  const folder = (name: string): string => store.getDistinguishedFolder(user, name).folderId.id
  const at = new Date('2016-06-10T09:00:00Z')
  const fieldsOf = (subject: string, isDraft: boolean) => ({
    itemClass: 'IPM.Note',
    subject,
    body: { type: 'Text' as const, text: `Body of ${subject}` },
    importance: 'Normal' as const,
    categories: ['Fuzz'],
    isRead: false,
    isDraft,
    from: isDraft ? undefined : { name: 'Bob Kelly', address: 'bob@contoso.com' },
    toRecipients: [{ name: undefined, address: user }],
    ccRecipients: [],
    bccRecipients: [],
    internetMessageId: `<${subject.replace(/\W/g, '')}@contoso.com>`,
    dateTimeSent: isDraft ? undefined : at,
    dateTimeReceived: at,
  })
  const inboxItems = Array.from(
    { length: 60 },
    (_, i) => store.createItem(user, folder('inbox'), fieldsOf(`Mail ${i}`, false)).itemId.id,
  )
  const drafts = Array.from({ length: 20 }, (_, i) => {
    const d = store.createItem(user, folder('drafts'), fieldsOf(`Draft ${i}`, true))
    return { id: d.itemId.id, changeKey: d.itemId.changeKey }
  })
  const own = store.createFolder(user, folder('msgfolderroot'), {
    displayName: 'Fuzz target',
    kind: 'Folder',
    folderClass: 'IPF.Note',
  })
  const tag = (text: string, name: string): string =>
    new RegExp(`<m:${name}>([^<]*)</m:${name}>`).exec(text)?.[1] ?? ''
  const sub = await send(
    exchangelib(
      '<m:Subscribe><m:PullSubscriptionRequest SubscribeToAllFolders="true"><t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes>' +
        '<t:Timeout>1440</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
    ),
  )
  const sync = await send(
    exchangelib(
      '<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:SyncFolderId><t:DistinguishedFolderId Id="inbox"/></m:SyncFolderId><m:MaxChangesReturned>10</m:MaxChangesReturned></m:SyncFolderItems>',
    ),
  )
  const ids: CorpusIds = {
    user,
    inboxItems,
    drafts,
    folderId: own.folderId.id,
    subscriptionId: tag(sub.text, 'SubscriptionId'),
    watermark: tag(sub.text, 'Watermark'),
    syncState: tag(sync.text, 'SyncState'),
  }
  if (!ids.subscriptionId || !ids.syncState)
    throw new Error(`could not prepare ${user}: ${sub.text} ${sync.text}`)
  return ids
}
