/**
 * Reminders, Culture, IsResponseRequested, Sender, ReceivedBy/ReceivedRepresenting,
 * InferenceClassification and the retention tags: how a client writes them into a `t:Message` and
 * how they are read back, with the defaults Exchange reads back for a message that never had them.
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type {
  EmailAddress,
  InferenceClassification,
  Item,
  ItemFields,
  RetentionTag,
} from '../../domain/items.ts'
import { attr, child, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'

/** The mailbox culture Exchange gives an item the client did not give one (xs:language). */
export const DEFAULT_CULTURE = 'en-US'
/** ReminderMinutesBeforeStartType: 0…2629800 minutes (five years), or Exchange's marker value. */
const MAX_MINUTES = 2_629_800
const MARKER_MINUTES = 1_525_252_321
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const INFERENCE: readonly InferenceClassification[] = ['Focused', 'Other']

export type ExtraFields = Pick<
  ItemFields,
  | 'reminderIsSet'
  | 'reminderDueBy'
  | 'reminderMinutesBeforeStart'
  | 'culture'
  | 'isResponseRequested'
  | 'sender'
  | 'inferenceClassification'
  | 'policyTag'
  | 'archiveTag'
>

/** The writable extras as UpdateItem names them by FieldURI. */
export const EXTRA_WRITABLE = {
  'item:ReminderIsSet': 'reminderIsSet',
  'item:ReminderDueBy': 'reminderDueBy',
  'item:ReminderMinutesBeforeStart': 'reminderMinutesBeforeStart',
  'item:Culture': 'culture',
  'message:IsResponseRequested': 'isResponseRequested',
  'message:Sender': 'sender',
  'item:InferenceClassification': 'inferenceClassification',
  'item:PolicyTag': 'policyTag',
  'item:ArchiveTag': 'archiveTag',
} as const satisfies Record<string, keyof ExtraFields>

/** The extras present in a written `t:Message` (the caller has refused what is not kept). */
export function readExtras(
  el: Element,
  readBoolean: (name: string, v: string) => boolean,
  readMailbox: (el: Element) => EmailAddress,
): Partial<ExtraFields> {
  const out: Partial<Record<keyof ExtraFields, unknown>> = {}
  const str = (name: string): string | undefined => text(child(el, 't', name))?.trim()
  for (const [name, key] of [
    ['ReminderIsSet', 'reminderIsSet'],
    ['IsResponseRequested', 'isResponseRequested'],
  ] as const) {
    const v = str(name)
    if (v !== undefined) out[key] = readBoolean(name, v)
  }
  const due = str('ReminderDueBy')
  if (due !== undefined) out.reminderDueBy = readDateTime('ReminderDueBy', due)
  const minutes = str('ReminderMinutesBeforeStart')
  if (minutes !== undefined) {
    const n = /^[+-]?\d{1,10}$/.test(minutes) ? Number(minutes) : NaN
    if (!((n >= 0 && n <= MAX_MINUTES) || n === MARKER_MINUTES))
      throw invalid('ReminderMinutesBeforeStart', minutes)
    out.reminderMinutesBeforeStart = n
  }
  const culture = str('Culture')
  if (culture !== undefined) {
    if (!LANGUAGE.test(culture)) throw invalid('Culture', culture)
    out.culture = culture
  }
  const sender = child(el, 't', 'Sender')
  const senderMailbox = sender && child(sender, 't', 'Mailbox')
  if (senderMailbox) out.sender = readMailbox(senderMailbox)
  const inference = str('InferenceClassification')
  if (inference !== undefined) {
    if (!(INFERENCE as readonly string[]).includes(inference))
      throw invalid('InferenceClassification', inference)
    out.inferenceClassification = inference
  }
  for (const [name, key] of [
    ['PolicyTag', 'policyTag'],
    ['ArchiveTag', 'archiveTag'],
  ] as const) {
    const tag = child(el, 't', name)
    if (tag) out[key] = readRetentionTag(name, tag, readBoolean)
  }
  return out as Partial<ExtraFields>
}

/** t:RetentionTagType: a GUID with the required IsExplicit attribute (docs/decisions/0041). */
function readRetentionTag(
  name: string,
  el: Element,
  readBoolean: (name: string, v: string) => boolean,
): RetentionTag {
  const id = (el.textContent ?? '').trim()
  if (!GUID.test(id)) throw invalid(name, id)
  const explicit = attr(el, 'IsExplicit')
  if (explicit === undefined)
    throw schemaError(`The required attribute 'IsExplicit' of '${name}' is missing.`)
  return { id: id.toLowerCase(), isExplicit: readBoolean('IsExplicit', explicit) }
}

function readDateTime(name: string, v: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v) ? Date.parse(v) : NaN
  if (Number.isNaN(ms)) throw invalid(name, v)
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

function invalid(name: string, value: string): Error {
  return schemaError(
    `The '${name}' element is invalid - The value '${value}' is invalid according to its datatype.`,
  )
}

/**
 * When a set reminder next fires: ReminderDueBy less ReminderMinutesBeforeStart (Exchange computes
 * it; absent when no reminder is set or it has no due time).
 */
export function reminderNextTime(item: Item): string | undefined {
  if (!item.reminderIsSet || item.reminderDueBy === undefined) return undefined
  const minutes = item.reminderMinutesBeforeStart ?? 0
  const at = Date.parse(item.reminderDueBy) - (minutes === MARKER_MINUTES ? 0 : minutes) * 60_000
  return `${new Date(at).toISOString().slice(0, 19)}Z`
}

/** Writes a retention tag element when the item has one. */
export function renderRetentionTag(el: XmlElement, name: string, tag: RetentionTag | undefined) {
  if (tag) el.ele(NS.t, `t:${name}`).att('IsExplicit', String(tag.isExplicit)).txt(tag.id)
}
