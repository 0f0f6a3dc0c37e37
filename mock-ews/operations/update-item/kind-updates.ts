/**
 * UpdateItem of a contact's, list's or task's own fields (contacts:, distributionlist:, task:
 * field URIs), the indexed ones included: contacts:EmailAddress, contacts:PhoneNumber and
 * contacts:PhysicalAddress:<part> with a FieldIndex change one dictionary entry.
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { ContactFields, KindValueType } from '../../domain/contacts.ts'
import { CONTACT_STORED, DISTRIBUTION_LIST_STORED, resolveMembers } from '../../domain/contacts.ts'
import { EwsError } from '../../domain/errors.ts'
import type { Item } from '../../domain/items.ts'
import { settleTask, TASK_STORED } from '../../domain/tasks.ts'
import type { ItemChange } from '../../store/mailbox-store.ts'
import { readContact } from '../shared/contact-xml.ts'
import type { ContactPart } from '../shared/contact-xml.ts'
import { kindElementOf } from '../shared/item-shape.ts'
import type { KindValues } from '../shared/kind-values.ts'
import { readTask } from '../shared/task-xml.ts'

export type KindPart = { contact: ContactPart } | { task: KindValues }

/** The own part of the item element an update carries (t:Contact, t:DistributionList, t:Task). */
export function readKindPart(el: Element): KindPart | undefined {
  if (el.localName === 'Task') return { task: readTask(el) }
  if (el.localName === 'Contact' || el.localName === 'DistributionList')
    return { contact: readContact(el) }
  return undefined
}

export interface KindUpdate {
  verb: 'SetItemField' | 'AppendToItemField' | 'DeleteItemField'
  field: string
  index: string | undefined
  part: KindPart | undefined
}

/** Whether a field URI is one of a kind's own (handled here, not by the message table). */
export const isKindField = (field: string): boolean => kindElementOf(field) !== undefined

type Values = Record<string, string | readonly string[]>

export function applyKindUpdate(
  u: KindUpdate,
  item: Item,
  now: Date,
  lookup: (id: string) => Item,
): ItemChange {
  const name = kindElementOf(u.field)!
  if (u.field.startsWith('task:')) {
    if (!item.task) throw notOfItem(u.field)
    const type = typeOf(TASK_STORED, name, u.field)
    const given = u.part && 'task' in u.part ? u.part.task : {}
    const values = plain(u, item.task.values, name, type as KindValueType, given)
    const stamp = `${now.toISOString().slice(0, 19)}Z`
    return { task: { values: settleTask(values, new Set([name]), stamp) } } as ItemChange
  }
  const c = item.contact
  if (!c) throw notOfItem(u.field)
  const table = c.kind === 'DistributionList' ? DISTRIBUTION_LIST_STORED : CONTACT_STORED
  const type = typeOf(table, name, u.field)
  const given: ContactPart = u.part && 'contact' in u.part ? u.part.contact : { values: {} }
  const next = (patch: Record<string, unknown>): ItemChange =>
    ({ contact: { ...c, ...patch } as ContactFields }) as ItemChange
  if (type !== 'dictionary' && type !== 'members')
    return next({ values: plain(u, c.values, name, type, given.values) })
  if (name === 'Members') {
    if (u.verb === 'DeleteItemField') return next({ members: [] })
    if (!given.members) throw count(u.field)
    const added = resolveMembers(given.members, lookup)
    return next({
      members: u.verb === 'SetItemField' ? added : [...c.members, ...added],
    })
  }
  if (u.verb === 'AppendToItemField') throw noAppend(u.field)
  const key = (
    {
      EmailAddresses: 'emailAddresses',
      PhoneNumbers: 'phoneNumbers',
      PhysicalAddresses: 'physicalAddresses',
    } as const
  )[name as 'EmailAddresses']
  const current = c[key] as readonly { key: string }[]
  const sent = given[key] as readonly { key: string }[] | undefined
  if (u.index === undefined) {
    // The whole dictionary (contacts:EmailAddresses, …).
    if (u.verb === 'DeleteItemField') return next({ [key]: [] })
    if (!sent) throw count(u.field)
    return next({ [key]: sent })
  }
  const others = current.filter((e) => e.key !== u.index)
  const part = u.field.split(':')[2] as 'Street' | undefined
  if (part) {
    // contacts:PhysicalAddress:<part>: one part of one address.
    const old = c.physicalAddresses.find((a) => a.key === u.index)?.parts ?? {}
    const value =
      u.verb === 'DeleteItemField'
        ? undefined
        : given.physicalAddresses?.find((a) => a.key === u.index)?.parts[part]
    if (u.verb === 'SetItemField' && value === undefined) throw count(u.field)
    const parts = { ...old, [part]: value }
    if (value === undefined) delete parts[part]
    const rest = c.physicalAddresses.filter((a) => a.key !== u.index)
    return next({
      physicalAddresses: Object.keys(parts).length ? [...rest, { key: u.index, parts }] : rest,
    })
  }
  if (u.verb === 'DeleteItemField') return next({ [key]: others })
  const entry = sent?.find((e) => e.key === u.index)
  if (!entry) throw count(u.field)
  return next({ [key]: [...others, entry] })
}

/** Set, append (lists) or delete one plain value. */
function plain(
  u: KindUpdate,
  values: Readonly<Values>,
  name: string,
  type: KindValueType,
  given: Readonly<Values>,
): Values {
  const out: Values = { ...values }
  if (u.verb === 'DeleteItemField') {
    delete out[name]
    return out
  }
  const value = given[name]
  if (value === undefined) throw count(u.field)
  if (u.verb === 'SetItemField') out[name] = value
  else if (type === 'strings') out[name] = [...((values[name] as string[]) ?? []), ...value]
  else throw noAppend(u.field)
  return out
}

function typeOf(
  table: readonly (readonly [string, KindValueType | 'dictionary' | 'members'])[],
  name: string,
  field: string,
): KindValueType | 'dictionary' | 'members' {
  const found = table.find(([n]) => n === name)
  if (!found)
    throw new EwsError(
      'ErrorInvalidPropertySet',
      `mock-ews cannot set ${field} with UpdateItem (it is read-only or not stored yet).`,
    )
  return found[1]
}

const notOfItem = (field: string): EwsError =>
  new EwsError('ErrorInvalidPropertySet', `${field} is not a property of this item's type.`)
const count = (field: string): EwsError =>
  new EwsError(
    'ErrorIncorrectUpdatePropertyCount',
    `The change for ${field} must carry exactly that property.`,
  )
const noAppend = (field: string): EwsError =>
  new EwsError('ErrorInvalidPropertyAppend', `mock-ews cannot append to ${field}.`)
