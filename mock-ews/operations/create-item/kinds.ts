/**
 * CreateItem of a contact, private distribution list or task: the kind's own part (contact-xml,
 * task-xml), its item class, and where it goes without a SavedItemFolderId (Contacts, Tasks).
 * They are saved, never sent: a sending MessageDisposition is refused rather than ignored.
 */
import type { Element } from '../../soap/xml-tree.ts'
import {
  emptyContact,
  ITEM_CLASS_CONTACT,
  ITEM_CLASS_DISTRIBUTION_LIST,
  resolveMembers,
} from '../../domain/contacts.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item, ItemFields } from '../../domain/items.ts'
import { ITEM_CLASS_TASK, settleTask } from '../../domain/tasks.ts'
import { readContact } from '../shared/contact-xml.ts'
import { readTask } from '../shared/task-xml.ts'

export const KIND_ELEMENTS: ReadonlySet<string> = new Set(['Contact', 'DistributionList', 'Task'])

/** The kind's own part of a new item. */
export function readNewKind(el: Element): Pick<ItemFields, 'contact' | 'task'> {
  if (el.localName === 'Task') return { task: { values: readTask(el) } }
  const kind = el.localName === 'DistributionList' ? 'DistributionList' : 'Contact'
  return { contact: { ...emptyContact(kind), ...readContact(el) } }
}

/** The kind's defaults under the client's fields, and the distinguished folder it goes to. */
export function kindDefaults(
  fields: Pick<ItemFields, 'contact' | 'task'>,
  disposition: string | undefined,
  owner: string,
  now: Date,
  lookup: (id: string) => Item,
): {
  itemClass: string
  folder: string
  task?: ItemFields['task']
  contact?: ItemFields['contact']
} {
  if (disposition && disposition !== 'SaveOnly')
    throw new EwsError(
      'ErrorInvalidItemForOperationSendItem',
      `A ${fields.task ? 'task' : 'contact'} cannot be sent (MessageDisposition ${disposition}).`,
    )
  if (fields.contact)
    return {
      itemClass:
        fields.contact.kind === 'Contact' ? ITEM_CLASS_CONTACT : ITEM_CLASS_DISTRIBUTION_LIST,
      folder: 'contacts',
      contact: { ...fields.contact, members: resolveMembers(fields.contact.members, lookup) },
    }
  const values = fields.task!.values
  const stamp = `${now.toISOString().slice(0, 19)}Z`
  const settled = settleTask(
    { Status: 'NotStarted', PercentComplete: '0', ...values, Owner: owner },
    new Set(Object.keys(values)),
    stamp,
  )
  return { itemClass: ITEM_CLASS_TASK, folder: 'tasks', task: { values: settled } }
}
