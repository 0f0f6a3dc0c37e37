/**
 * A stored record read as an `Item` without copying it: what a restriction or a sort order reads of
 * each item a search scans (`fieldValue`), worked out when asked — a Date only for a date field.
 * Only the items of the page answered are copied (`snapshot`). Never leaves the store; it reads
 * the storage port's record, so it serves any storage.
 */
import { HEADER_FIELDS } from '../../domain/items.ts'
import type { EmailAddress, Importance, Item } from '../../domain/items.ts'
import type { StoredItem } from './storage.ts'

export class RecordItem implements Item {
  readonly rec: StoredItem
  readonly #snapshot: (r: StoredItem) => Item
  #full: Item | undefined

  constructor(rec: StoredItem, snapshot: (r: StoredItem) => Item) {
    this.rec = rec
    this.#snapshot = snapshot
  }

  /** The full copy, for what no search reads (ids, the owner): made once, if ever. */
  #whole(): Item {
    return (this.#full ??= this.#snapshot(this.rec))
  }

  get itemId(): Item['itemId'] {
    return this.#whole().itemId
  }
  get parentFolderId(): Item['parentFolderId'] {
    return this.#whole().parentFolderId
  }
  get mailbox(): string {
    return this.#whole().mailbox
  }
  get itemClass(): string {
    return this.rec.fields.itemClass
  }
  get subject(): string {
    return this.rec.fields.subject
  }
  get body(): Item['body'] {
    return this.rec.fields.body
  }
  get importance(): Importance {
    return this.rec.fields.importance
  }
  get categories(): readonly string[] {
    return this.rec.fields.categories
  }
  get isRead(): boolean {
    return this.rec.fields.isRead
  }
  get isDraft(): boolean {
    return this.rec.fields.isDraft
  }
  get from(): EmailAddress | undefined {
    return this.rec.fields.from
  }
  get toRecipients(): readonly EmailAddress[] {
    return this.rec.fields.toRecipients
  }
  get ccRecipients(): readonly EmailAddress[] {
    return this.rec.fields.ccRecipients
  }
  get bccRecipients(): readonly EmailAddress[] {
    return this.rec.fields.bccRecipients
  }
  get internetMessageId(): string {
    return this.rec.fields.internetMessageId
  }
  get dateTimeSent(): Date | undefined {
    const t = this.rec.fields.dateTimeSent
    return t === undefined ? undefined : new Date(t)
  }
  get extendedProperties(): Item['extendedProperties'] {
    return this.rec.fields.extendedProperties
  }
  get dateTimeReceived(): Date {
    return new Date(this.rec.fields.dateTimeReceived)
  }
  get dateTimeCreated(): Date {
    return new Date(this.rec.created)
  }
  get lastModifiedTime(): Date {
    return new Date(this.rec.modified)
  }
  get size(): number {
    return this.rec.size
  }
  get contact(): Item['contact'] {
    return this.rec.fields.contact
  }
  get task(): Item['task'] {
    return this.rec.fields.task
  }
}

// The optional fields (Sensitivity, reminders, Sender, …) read straight from the record, so a
// restriction or sort on one sees its value.
for (const key of HEADER_FIELDS) {
  Object.defineProperty(RecordItem.prototype, key, {
    get(this: RecordItem) {
      return this.rec.fields[key]
    },
  })
}
