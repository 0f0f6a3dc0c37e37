/**
 * Issue 15, "nothing accepted is dropped", on the other read paths: each element of t:ItemType /
 * t:MessageType that CreateItem stores (GetItem reads it back: nothing-dropped.test.ts) must come
 * back through FindItem and SyncFolderItems too (bar those Exchange does not return there), and,
 * once the message is sent, on the recipient's copy (bar those Exchange does not carry).
 */
import type { Element } from '@xmldom/xmldom'
import { expect } from 'chai'
import { envelope, post, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { createItemXml, findItemXml, getItemXml, itemId } from '../helpers/items.ts'
import { needsSchema } from '../helpers/needs.ts'
import { EXPECT, norm, textOf, walk } from '../helpers/schema-walk.ts'
import type { Walked } from '../helpers/schema-walk.ts'

const DRAFTS = '<t:DistinguishedFolderId Id="drafts"/>'
/** Not returned by FindItem, as on Exchange (README, FindItem row): GetItem gives them. */
const NOT_IN_FIND_ITEM = ['Attachments', 'Body', 'MimeContent']
/** Not returned by SyncFolderItems (README, SyncFolderItems row): GetItem gives it. */
const NOT_IN_SYNC = ['MimeContent']
/**
 * Not carried to the recipient, as on Exchange: Bcc is never delivered, the copy arrives unread,
 * InferenceClassification is the sender's mailbox's own (README, "What is refused").
 */
const NOT_CARRIED = ['BccRecipients', 'InferenceClassification', 'IsRead']

describe('Nothing accepted is dropped: FindItem, SyncFolderItems, the recipient’s copy', function () {
  this.timeout(60_000)
  const app = testApp().app
  const call = (op: string, user = 'alice@contoso.com'): Promise<SoapAnswer> =>
    post(app, envelope(op, 'Exchange2016'), user)
  /** The walked elements GetItem reads back from a draft, each with the draft that holds it. */
  let stored: { w: Walked; id: string }[] = []

  before(async function () {
    const elements = walk(needsSchema(this, 'the round-trip walk over types.xsd'))
    stored = []
    for (const w of elements.filter((e) => e.path)) {
      const subject = w.name === 'Subject' ? '' : '<t:Subject>walk</t:Subject>'
      const res = await call(createItemXml('SaveOnly', `<t:Message>${subject}${w.xml}</t:Message>`))
      if (res.codes()[0] !== 'NoError') continue // refused, naming it: nothing-dropped.test.ts
      const id = (res.select('//t:ItemId')[0] as unknown as Element).getAttribute('Id')!
      if (!(await readsBack(w, getItemXml(itemId(id), 'IdOnly', additional(w)), id))) continue
      stored.push({ w, id })
    }
    expect(stored.length, 'elements stored by CreateItem').to.be.greaterThan(20)
  })

  const additional = (w: Walked): string =>
    `<t:AdditionalProperties>${w.path}</t:AdditionalProperties>`

  /** Whether the answer to `op` holds the element, as written, on the message with id `id` (any id when undefined). */
  async function readsBack(
    w: Walked,
    op: string,
    id?: string,
    user?: string,
    xml = w.xml,
  ): Promise<boolean> {
    const res = await call(op, user)
    if (res.codes()[0] !== 'NoError') return false
    const messages = res
      .select('//t:Message')
      .filter(
        (m) =>
          id === undefined ||
          (m as unknown as Element).getElementsByTagNameNS('*', 'ItemId')[0]?.getAttribute('Id') ===
            id,
      )
    const want = norm(EXPECT[w.name] ?? textOf(xml))
    return messages.some((m) => {
      const els = [...(m as unknown as Element).childNodes].filter(
        (n) => (n as unknown as Element).localName === w.name,
      )
      const text = (n: Node): string =>
        w.name === 'MimeContent'
          ? Buffer.from(n.textContent ?? '', 'base64').toString()
          : (n.textContent ?? '')
      return (
        els.length > 0 && norm(els.map((n) => text(n as unknown as Node)).join('')).includes(want)
      )
    })
  }

  it('FindItem returns each stored element when asked for it (bar Body, Attachments, MimeContent)', async () => {
    const lost: string[] = []
    for (const { w, id } of stored)
      if (
        !(await readsBack(
          w,
          findItemXml(DRAFTS, { shape: 'IdOnly', additional: additional(w) }),
          id,
        ))
      )
        lost.push(w.name)
    expect(lost).to.have.members(NOT_IN_FIND_ITEM)
  })

  it('SyncFolderItems returns each stored element when asked for it (bar MimeContent)', async () => {
    const lost: string[] = []
    for (const { w, id } of stored) {
      const sync =
        `<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>${additional(w)}</m:ItemShape>` +
        `<m:SyncFolderId>${DRAFTS}</m:SyncFolderId><m:MaxChangesReturned>512</m:MaxChangesReturned></m:SyncFolderItems>`
      if (!(await readsBack(w, sync, id))) lost.push(w.name)
    }
    expect(lost).to.have.members(NOT_IN_SYNC)
  })

  it('the recipient’s copy carries each stored element (bar Bcc, IsRead, InferenceClassification)', async () => {
    const lost: string[] = []
    for (const { w } of stored) {
      const subject = w.name === 'Subject' ? '' : `<t:Subject>carry ${w.name}</t:Subject>`
      const to =
        w.name === 'ToRecipients'
          ? ''
          : '<t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients>'
      // From and Sender name the sender herself here (another mailbox needs a Send As grant).
      const xml = /^(From|Sender)$/.test(w.name) ? w.xml.replace('bob@', 'alice@') : w.xml
      const res = await call(
        createItemXml('SendOnly', `<t:Message>${subject}${xml}${to}</t:Message>`),
      )
      if (res.codes()[0] !== 'NoError') {
        lost.push(`${w.name} (send: ${res.codes()[0]})`)
        continue
      }
      const find = findItemXml('<t:DistinguishedFolderId Id="inbox"/>', { shape: 'IdOnly' })
      const inbox = await call(find, 'bob@contoso.com')
      const newest = (inbox.select('//t:Message/t:ItemId')[0] as unknown as Element).getAttribute(
        'Id',
      )!
      if (
        !(await readsBack(
          w,
          getItemXml(itemId(newest), 'IdOnly', additional(w)),
          newest,
          'bob@contoso.com',
          xml,
        ))
      )
        lost.push(w.name)
    }
    expect(lost).to.have.members(NOT_CARRIED)
  })
})
