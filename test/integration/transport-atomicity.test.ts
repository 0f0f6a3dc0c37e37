/**
 * The transport hands a delivery to the store as one submission (mock-ews/transport/transport.ts):
 * it lands whole or not at all. These sends fail on the LAST part the store checks — the sender's
 * copy, whose SavedItemFolderId names a search folder (ErrorInvalidParentFolder) — after the
 * recipients' Inbox and Conversation History copies, an NDR and the draft's removal were all
 * accepted. Nobody may be left with anything: a transport that submitted the parts one by one
 * would leave bob a message that alice was told was never sent.
 */
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, folderId, testApp } from '../helpers/ews.ts'
import {
  ALICE,
  allStoredItems,
  BOB,
  CLASS,
  itemId,
  missedConversationsIdOf,
  saveItem,
  sendItemXml,
  sendMessage,
} from '../helpers/items.ts'

const NOBODY = 'nobody@contoso.com'

/** Every item of alice and bob, search folders aside (ids and change keys included). */
const everything = (ews: EwsApp): unknown => ({
  [ALICE]: allStoredItems(ews, ALICE),
  [BOB]: allStoredItems(ews, BOB),
})

describe('Transport atomicity: a delivery whose last part fails leaves nobody with anything', () => {
  let ews: EwsApp
  let searchFolder: string
  beforeEach(async () => {
    ews = testApp()
    searchFolder = folderId(await missedConversationsIdOf(ews.app, ALICE))
  })

  it('CreateItem SendAndSaveCopy to bob + nobody, saved into a search folder: no Inbox copy, no history entry, no NDR, no sent copy', async () => {
    const res = await sendMessage(
      ews.app,
      { itemClass: CLASS.missed, subject: 'IM', body: 'hello', to: [BOB, NOBODY] },
      { savedFolder: searchFolder },
    )
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['ErrorInvalidParentFolder'])
    expect(everything(ews)).to.deep.equal({ [ALICE]: [], [BOB]: [] })
  })

  it('SendItem of a draft to bob + nobody, saved into a search folder: the draft stays exactly as it was', async () => {
    const draft = await saveItem(ews.app, {
      itemClass: CLASS.note,
      subject: 'Draft',
      body: 'x',
      to: [BOB, NOBODY],
    })
    const before = everything(ews)
    expect(allStoredItems(ews, ALICE)).to.have.length(1)

    const res = await call(
      ews.app,
      sendItemXml(itemId(draft.id, draft.changeKey), true, searchFolder),
    )
    expect(res.status).to.equal(200)
    expect(res.codes()).to.deep.equal(['ErrorInvalidParentFolder'])
    expect(everything(ews)).to.deep.equal(before)
  })
})
