// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/senditem-operation
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import { attr, child, requiredChild, schemaError } from '../../soap/dom.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { folderIdOr, readSingleFolderRef } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import { readItemRefs } from '../shared/item-ids.ts'
import type { ItemRef } from '../shared/item-ids.ts'
import { readBoolean } from '../shared/message-xml.ts'

interface SendItemRequest {
  saveItemToFolder: boolean
  savedFolder: FolderRef | undefined
  items: ItemRef[]
}

export const sendItem: Operation<SendItemRequest, void> = {
  name: 'SendItem',
  parse(el: Element): SendItemRequest {
    const save = attr(el, 'SaveItemToFolder')
    if (save === undefined)
      throw schemaError("The required attribute 'SaveItemToFolder' is missing.")
    const saved = child(el, 'm', 'SavedItemFolderId')
    return {
      saveItemToFolder: readBoolean('SaveItemToFolder', save),
      savedFolder: saved && readSingleFolderRef(saved),
      items: readItemRefs(requiredChild(el, 'm', 'ItemIds')),
    }
  },
  count: (req) => req.items.length,
  handle(req: SendItemRequest, ctx: OperationContext): Outcome<void>[] {
    return req.items.map((ref) =>
      attempt(() => {
        if (!req.saveItemToFolder && req.savedFolder) {
          throw new EwsError(
            'ErrorInvalidSendItemSaveSettings',
            'SavedItemFolderId needs SaveItemToFolder="true".',
          )
        }
        const draft = ctx.store.getItem(ctx.mailbox, ref.id)
        if (!draft.isDraft) {
          throw new EwsError(
            'ErrorInvalidItemForOperationSendItem',
            'Only a draft that has not been sent can be sent.',
          )
        }
        // SendItem acts on the version the client has seen: no or an outdated ChangeKey is refused.
        if (!ref.changeKey || ref.changeKey !== draft.itemId.changeKey)
          throw new EwsError('ErrorStaleObject')
        refuseSkypeDraft(draft, ctx)
        const saveCopyIn = req.saveItemToFolder
          ? folderIdOr(req.savedFolder, 'sentitems', ctx)
          : undefined
        ctx.transport.send({
          sender: ctx.user,
          message: draft,
          saveCopyIn,
          draftId: draft.itemId.id,
        })
      }),
    )
  },
  renderPayload(): void {},
}

/**
 * The server half of the spring-2016 Drafts bug, a documented model (docs/drafts-bug.md): with the
 * quirk on (on-premises profiles, by default), a saved Skype for Business draft is not submitted and
 * stays in Drafts. Exchange Online has no such quirk.
 */
function refuseSkypeDraft(draft: Item, ctx: OperationContext): void {
  if (
    !ctx.quirks.refuseSkypeDraftSend ||
    !draft.itemClass.toLowerCase().startsWith('ipm.note.microsoft.')
  )
    return
  throw new EwsError(
    'ErrorMessageSubmissionBlocked',
    `The message of class ${draft.itemClass} could not be submitted from Drafts. ` +
      '(mock-ews quirk refuseSkypeDraftSend: the modelled server half of the 2016 offline-IM Drafts bug; see docs/drafts-bug.md.)',
  )
}
