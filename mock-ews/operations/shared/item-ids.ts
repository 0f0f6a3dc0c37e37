/** Item ids in requests (`t:ItemId`) and the ItemId-only payload of CreateItem/UpdateItem/MoveItem/CopyItem. */
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { Item } from '../../domain/items.ts'
import { attr, childElements, schemaError } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { encodeOccurrenceId } from '../../domain/occurrences.ts'
import { calendarElement } from '../../domain/calendar.ts'

export interface ItemRef {
  id: string
  changeKey: string | undefined
  /** A t:RecurringMasterItemId: the master of the occurrence `id` names. */
  master?: true
}

export function readItemRef(el: Element): ItemRef {
  // An OccurrenceItemId is the occurrence's own id; a RecurringMasterItemId names its master.
  if (el.localName === 'OccurrenceItemId') {
    const master = attr(el, 'RecurringMasterId')
    const index = Number(attr(el, 'InstanceIndex'))
    if (master === undefined || !Number.isInteger(index) || index < 0 || index > 0xffffffff)
      throw schemaError("'OccurrenceItemId' needs RecurringMasterId and an int InstanceIndex.")
    return { id: encodeOccurrenceId(master, index), changeKey: attr(el, 'ChangeKey') }
  }
  if (el.localName === 'RecurringMasterItemId') {
    const id = attr(el, 'OccurrenceId')
    if (id === undefined) throw schemaError("'RecurringMasterItemId' needs an OccurrenceId.")
    return { id, changeKey: attr(el, 'ChangeKey'), master: true }
  }
  if (el.localName !== 'ItemId') {
    throw schemaError(
      `The element '${el.localName}' is not supported here; mock-ews takes t:ItemId.`,
    )
  }
  const id = attr(el, 'Id')
  if (id === undefined) throw schemaError("The required attribute 'Id' of 'ItemId' is missing.")
  return { id, changeKey: attr(el, 'ChangeKey') }
}

/** Every `t:ItemId` of a container such as `m:ItemIds`. */
export function readItemRefs(container: Element): ItemRef[] {
  const refs = childElements(container, NS.t).map(readItemRef)
  if (refs.length === 0)
    throw schemaError(`The element '${container.localName}' has incomplete content.`)
  return refs
}

export function renderItemId(parent: XmlElement, element: string, item: Item): void {
  parent.ele(NS.t, `t:${element}`).att('Id', item.itemId.id).att('ChangeKey', item.itemId.changeKey)
}

/** `m:Items` holding just the item's id and change key. */
export function renderItemIdPayload(message: XmlElement, item: Item): void {
  const kind = item.calendar ? `t:${calendarElement(item.itemClass)}` : 't:Message'
  renderItemId(message.ele(NS.m, 'm:Items').ele(NS.t, kind), 'ItemId', item)
}
