/**
 * A bounded cache of items as written (docs/decisions/0066): a FindItem page of 50 unchanged
 * messages was mostly the writing of the same ~1,500 elements again. An entry is keyed by what the
 * bytes of a `t:Message` depend on, and nothing else can change them (renderItem is a function
 * of the item and the shape only):
 * - the stored fields the snapshot was copied from (snapshot-source.ts: replaced on every change,
 *   by object identity, so neither another server in the process nor a copy of the item with the
 *   same ids can match);
 * - what the snapshot adds to them: id and change key, parent folder id and change key, mailbox,
 *   creation and modification times, size;
 * - the shape, with everything in it (properties, body type, extended properties, the request's
 *   schema version that shapeForVersion set, the kinds' elements);
 * - the namespace scope it is written in (writeFragment checks it).
 * Only messages are cached (not calendar items, meeting messages, contacts or tasks, whose writers
 * read more than the item), and never with MIME content. Bounded in entries, characters and the item bytes its entries keep alive (an entry holds its stored fields, even once the item is changed or deleted); the
 * oldest go first.
 */
import type { Item } from '../../domain/items.ts'
import { snapshotSource } from '../../domain/snapshot-source.ts'
import type { Fragment } from '../../soap/xml-writer.ts'
import { ITEM_PROPERTIES } from './item-shape.ts'
import type { ItemShape } from './item-shape.ts'

interface Entry {
  readonly shape: string
  readonly id: string
  readonly changeKey: string
  readonly parentId: string
  readonly parentChangeKey: string
  readonly mailbox: string
  readonly created: number
  readonly modified: number
  readonly size: number
  readonly fragment: Fragment
}

export class RenderedItems {
  /** By stored fields, in insertion order (the oldest are evicted first). */
  readonly #entries = new Map<object, Entry[]>()
  #count = 0
  #chars = 0
  #held = 0

  /** An item written longer than this (a large body) is not kept: it would push out many others. */
  readonly maxFragment: number
  /**
   * An item larger than this (its size: body, attachments…) is not kept: an entry keeps its stored
   * fields alive, deleted or not, so what it holds counts towards `maxHeld` and must stay small.
   */
  readonly maxItemSize: number

  constructor(
    readonly maxEntries: number,
    readonly maxChars: number,
    /** Most bytes of items (their sizes) the entries may keep alive. */
    readonly maxHeld: number = 16 * 2 ** 20,
  ) {
    this.maxFragment = Math.min(maxChars, 65_536)
    this.maxItemSize = Math.min(maxHeld, 256 * 1024)
  }

  get count(): number {
    return this.#count
  }

  get chars(): number {
    return this.#chars
  }

  /** The sizes of the items whose stored fields the entries keep alive. */
  get held(): number {
    return this.#held
  }

  /** Whether the item can be cached at all: a snapshot of a stored item. */
  static cacheable(item: Item): boolean {
    return snapshotSource(item) !== undefined
  }

  get(item: Item, shape: ItemShape): Fragment | undefined {
    const source = snapshotSource(item)
    const entries = source && this.#entries.get(source)
    if (!entries) return undefined
    const key = shapeKey(shape)
    for (const e of entries) if (e.shape === key && matches(e, item)) return e.fragment
    return undefined
  }

  put(item: Item, shape: ItemShape, fragment: Fragment): void {
    const source = snapshotSource(item)
    if (!source || fragment.text.length > this.maxFragment || item.size > this.maxItemSize) return
    const entry: Entry = {
      shape: shapeKey(shape),
      id: item.itemId.id,
      changeKey: item.itemId.changeKey,
      parentId: item.parentFolderId.id,
      parentChangeKey: item.parentFolderId.changeKey,
      mailbox: item.mailbox,
      created: item.dateTimeCreated.getTime(),
      modified: item.lastModifiedTime.getTime(),
      size: item.size,
      fragment,
    }
    // One entry per shape: the one written last (its folder's change key or scope is the current one).
    const entries = this.#entries.get(source)
    const same = entries ? entries.findIndex((e) => e.shape === entry.shape) : -1
    if (!entries) {
      this.#entries.set(source, [entry])
      this.#held += entry.size // one stored fields object, whatever the number of its shapes
    } else if (same < 0) entries.push(entry)
    else this.#drop(entries.splice(same, 1, entry)[0]!)
    this.#count++
    this.#chars += fragment.text.length
    while (
      this.#count > this.maxEntries ||
      this.#chars > this.maxChars ||
      this.#held > this.maxHeld
    )
      this.#evictOldest()
  }

  /** Forgets the figures of an entry the caller dropped. */
  #drop(e: Entry): void {
    this.#count--
    this.#chars -= e.fragment.text.length
  }

  #evictOldest(): void {
    const [source, entries] = this.#entries.entries().next().value!
    this.#entries.delete(source)
    this.#held -= entries[0]!.size
    this.#count -= entries.length
    for (const e of entries) this.#chars -= e.fragment.text.length
  }
}

function matches(e: Entry, item: Item): boolean {
  return (
    e.id === item.itemId.id &&
    e.changeKey === item.itemId.changeKey &&
    e.parentId === item.parentFolderId.id &&
    e.parentChangeKey === item.parentFolderId.changeKey &&
    e.mailbox === item.mailbox &&
    e.created === item.dateTimeCreated.getTime() &&
    e.modified === item.lastModifiedTime.getTime() &&
    e.size === item.size
  )
}

const SHAPE_KEYS = new WeakMap<ItemShape, string>()

/**
 * Everything in the shape as text (valueKey). Shapes are built per request and not
 * changed afterwards (shapeForVersion makes a new one), so the text is kept per shape object.
 */
export function shapeKey(shape: ItemShape): string {
  // A page writes its items one after the other in one shape: the last one is asked for again.
  if (shape === last.shape) return last.key
  let key = SHAPE_KEYS.get(shape)
  if (key === undefined) {
    key = ''
    for (const name of Object.keys(shape).sort()) {
      const v: unknown = shape[name as keyof ItemShape]
      key += `${name}=${valueKey(v)};`
    }
    SHAPE_KEYS.set(shape, key)
  }
  last = { shape, key }
  return key
}

/**
 * A value of the shape as text. A Set of message properties (the shape's properties and requested
 * ones) as the bits of their places in ITEM_PROPERTIES, any other Set as its sorted list in JSON
 * (the two cannot meet: only JSON starts with `[`), anything else as JSON (a replacer only where a
 * Set could be inside). So equal shapes give one text and different shapes different texts, as
 * the JSON of sorted lists did, at a fraction of its cost: sorting and writing the 47 properties
 * of AllProperties made the key ~5% of a GetItem.
 */
function valueKey(v: unknown): string | undefined {
  if (v instanceof Set) return setKey(v)
  if (typeof v !== 'object' || v === null) return JSON.stringify(v)
  if (Array.isArray(v) && !v.length) return '[]'
  return JSON.stringify(v, setsAsLists)
}

const PROPERTY_PLACE = new Map<unknown, number>(ITEM_PROPERTIES.map((p, i) => [p, i]))

function setKey(set: ReadonlySet<unknown>): string {
  if (!set.size) return '[]'
  // Two numbers of 30 bits each hold the 51 places (ITEM_PROPERTIES cannot outgrow 60 silently).
  let low = 0
  let high = 0
  for (const p of set) {
    const i = PROPERTY_PLACE.get(p)
    if (i === undefined || i >= 60) return JSON.stringify([...set].sort())
    if (i < 30) low |= 1 << i
    else high |= 1 << (i - 30)
  }
  return `#${low.toString(36)}.${high.toString(36)}`
}

function setsAsLists(_: string, v: unknown): unknown {
  return v instanceof Set ? [...v].sort() : v
}

let last: { shape: ItemShape | undefined; key: string } = { shape: undefined, key: '' }

/**
 * The cache renderItem uses: at most 2,000 items, 4 M characters written (~4–8 MB) and 16 MiB of
 * items kept alive, whichever comes first; a FindItem page of 50 in the Default shape is ~40,000
 * characters.
 */
export const renderedItems = new RenderedItems(2_000, 4_000_000)
