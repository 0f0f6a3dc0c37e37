// File attachments: stored from CreateItem, counted in Size and HasAttachments, listed by GetItem,
// carried with sent mail, their content shared (never copied) between copies of the item.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { attachment, CONTENT, getItem, messageWith, saved } from '../helpers/attachments.ts'
import { call, testApp } from '../helpers/ews.ts'
import { ALICE, BOB, createItemXml, findItemXml, storedItems } from '../helpers/items.ts'

describe('Attachments', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  it('keeps a FileAttachment of CreateItem: HasAttachments, Size and the Attachments collection', async () => {
    const plain = await call(
      ews.app,
      createItemXml('SaveOnly', messageWith('').replace('<t:Attachments></t:Attachments>', '')),
    )
    const plainSize = ews.store.getItem(ALICE, plain.value('//t:Message/t:ItemId/@Id')).size
    const id = await saved(
      ews,
      attachment(
        'notes.txt',
        CONTENT,
        '<t:ContentId>notes@x</t:ContentId><t:IsInline>true</t:IsInline>',
      ),
    )
    const res = await getItem(ews, id)
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(res.value('//t:Message/t:HasAttachments')).to.equal('true')
    const size = Number(res.value('//t:Message/t:Size'))
    expect(size).to.be.at.least(plainSize + CONTENT.length)
    const att = '//t:Message/t:Attachments/t:FileAttachment'
    expect(res.select(att)).to.have.length(1)
    expect(res.value(`${att}/t:Name`)).to.equal('notes.txt')
    expect(res.value(`${att}/t:ContentType`)).to.equal('text/plain')
    expect(res.value(`${att}/t:ContentId`)).to.equal('notes@x')
    expect(res.value(`${att}/t:IsInline`)).to.equal('true')
    expect(Number(res.value(`${att}/t:Size`))).to.be.at.least(CONTENT.length)
    expect(res.value(`${att}/t:AttachmentId/@RootItemId`)).to.equal(id)
    expect(res.value(`${att}/t:AttachmentId/@Id`)).to.not.equal('')
    expect(
      res.select(`${att}/t:Content`),
      'GetItem lists attachments without content',
    ).to.have.length(0)
  })

  it('answers HasAttachments in FindItem, and false for an item without attachments', async () => {
    await saved(ews, attachment('a.txt'))
    await call(
      ews.app,
      createItemXml('SaveOnly', messageWith('').replace('<t:Attachments></t:Attachments>', '')),
    )
    const res = await call(
      ews.app,
      findItemXml('<t:DistinguishedFolderId Id="drafts"/>', { shape: 'Default' }),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(
      res
        .select('//t:Message/t:HasAttachments')
        .map((n) => n.textContent)
        .sort(),
    ).to.deep.equal(['false', 'true'])
    expect(res.select('//t:Attachments'), 'FindItem does not list attachments').to.have.length(0)
  })

  it('refuses content that is not base64, storing nothing', async () => {
    const res = await call(
      ews.app,
      createItemXml(
        'SaveOnly',
        messageWith(
          '<t:FileAttachment><t:Name>x</t:Name><t:Content>@@@</t:Content></t:FileAttachment>',
        ),
      ),
    )
    expect(res.status).to.equal(500)
    const drafts = ews.store.getDistinguishedFolder(ALICE, 'drafts')
    expect(drafts.totalCount).to.equal(0)
  })

  it('carries attachments to each recipient and the sent copy, sharing one content buffer', async () => {
    const res = await call(
      ews.app,
      createItemXml('SendAndSaveCopy', messageWith(attachment('report.txt'), BOB)),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    const [received] = storedItems(ews, BOB, 'inbox')
    const [copy] = storedItems(ews, ALICE, 'sentitems')
    expect(received!.attachments?.map((a) => a.name)).to.deep.equal(['report.txt'])
    expect(copy!.attachments?.map((a) => a.name)).to.deep.equal(['report.txt'])
    expect(received!.attachments![0]!.content.equals(CONTENT)).to.equal(true)
    expect(received!.attachments![0]!.content, 'one Buffer for every copy').to.equal(
      copy!.attachments![0]!.content,
    )
    const bobView = await getItem(ews, received!.itemId.id, BOB)
    expect(bobView.value('//t:Message/t:HasAttachments')).to.equal('true')
    expect(bobView.value('//t:FileAttachment/t:Name')).to.equal('report.txt')
  })

  it('refuses the attachment elements it does not keep, naming them, in CreateItem and CreateAttachment', async () => {
    const drafts = await saved(ews, '')
    for (const extra of [
      '<t:ContentLocation>http://example.org/a.txt</t:ContentLocation>',
      '<t:AttachmentOriginalUrl>http://example.org/a.txt</t:AttachmentOriginalUrl>',
      '<t:IsContactPhoto>true</t:IsContactPhoto>',
      '<t:AttachLongPathName>C:\\long\\a.txt</t:AttachLongPathName>',
    ]) {
      const element = /<t:(\w+)>/.exec(extra)![1]!
      const created = await call(
        ews.app,
        createItemXml('SaveOnly', messageWith(attachment('a.txt', CONTENT, extra))),
      )
      expect(created.codes(), element).to.deep.equal(['ErrorInvalidPropertySet'])
      expect(created.value('string(//m:MessageText)')).to.include(element)
      const added = await call(
        ews.app,
        `<m:CreateAttachment><m:ParentItemId Id="${drafts}"/><m:Attachments>${attachment('a.txt', CONTENT, extra)}</m:Attachments></m:CreateAttachment>`,
      )
      expect(added.codes(), element).to.deep.equal(['ErrorInvalidPropertySet'])
    }
    expect(ews.store.getItem(ALICE, drafts).attachments ?? []).to.have.length(0)
    // IsContactPhoto false is what a message's attachment reads back: accepted.
    const plain = attachment('b.txt', CONTENT, '<t:IsContactPhoto>false</t:IsContactPhoto>')
    expect(
      (await call(ews.app, createItemXml('SaveOnly', messageWith(plain)))).codes(),
    ).to.deep.equal(['NoError'])
  })
})

describe('GetAttachment', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  const getAttachmentXml = (...ids: string[]): string =>
    '<m:GetAttachment><m:AttachmentShape><t:BodyType>Text</t:BodyType></m:AttachmentShape><m:AttachmentIds>' +
    ids.map((id) => `<t:AttachmentId Id="${id}"/>`).join('') +
    '</m:AttachmentIds></m:GetAttachment>'

  it('returns the content of each attachment by its AttachmentId', async () => {
    const second = Buffer.from([0, 1, 2, 255, 254])
    const id = await saved(ews, attachment('a.txt') + attachment('b.bin', second))
    const ids = (await getItem(ews, id))
      .select('//t:FileAttachment/t:AttachmentId/@Id')
      .map((n) => n.nodeValue ?? '')
    expect(ids).to.have.length(2)
    const res = await call(ews.app, getAttachmentXml(ids[1]!, ids[0]!))
    expect(res.codes()).to.deep.equal(['NoError', 'NoError'])
    const content = res
      .select('//m:Attachments/t:FileAttachment/t:Content')
      .map((n) => Buffer.from(n.textContent ?? '', 'base64'))
    expect(content.map((c) => c.toString('hex'))).to.deep.equal([
      second.toString('hex'),
      CONTENT.toString('hex'),
    ])
    expect(res.value('//m:GetAttachmentResponseMessage[1]//t:Name')).to.equal('b.bin')
    expect(res.value('//m:GetAttachmentResponseMessage[1]//t:AttachmentId/@RootItemId')).to.equal(
      id,
    )
  })

  it('answers a malformed id and an unknown attachment of a real item each with its error', async () => {
    const id = await saved(ews, attachment('a.txt'))
    const { encodeAttachmentId } =
      await import('../../mock-ews/operations/shared/attachment-xml.ts')
    const res = await call(ews.app, getAttachmentXml('AAAA', encodeAttachmentId(id, 99)))
    expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed', 'ErrorInvalidAttachmentId'])
  })
})

describe('CreateAttachment and DeleteAttachment', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  const createAttachmentXml = (parent: string, attachments: string): string =>
    `<m:CreateAttachment><m:ParentItemId Id="${parent}"/><m:Attachments>${attachments}</m:Attachments></m:CreateAttachment>`
  const deleteAttachmentXml = (...ids: string[]): string =>
    '<m:DeleteAttachment><m:AttachmentIds>' +
    ids.map((id) => `<t:AttachmentId Id="${id}"/>`).join('') +
    '</m:AttachmentIds></m:DeleteAttachment>'

  it('adds attachments to an item: one answer each, with the root item and its new change key', async () => {
    const id = await saved(ews, '')
    const before = ews.store.getItem(ALICE, id)
    const res = await call(
      ews.app,
      createAttachmentXml(
        id,
        attachment('a.txt') + '<t:ItemAttachment><t:Name>m</t:Name></t:ItemAttachment>',
      ),
    )
    expect(res.codes()).to.deep.equal(['NoError', 'ErrorInvalidRequest'])
    const after = ews.store.getItem(ALICE, id)
    expect(after.attachments?.map((a) => a.name)).to.deep.equal(['a.txt'])
    expect(after.size).to.equal(before.size + CONTENT.length + 'a.txt'.length)
    expect(res.value('//t:AttachmentId/@RootItemId')).to.equal(id)
    expect(res.value('//t:AttachmentId/@RootItemChangeKey')).to.equal(after.itemId.changeKey)
    expect(after.itemId.changeKey).to.not.equal(before.itemId.changeKey)
    const got = await call(
      ews.app,
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${res.value('//t:AttachmentId/@Id')}"/></m:AttachmentIds></m:GetAttachment>`,
    )
    expect(Buffer.from(got.value('//t:Content'), 'base64').equals(CONTENT)).to.equal(true)
  })

  it('refuses an attachment to an item that does not exist', async () => {
    const id = await saved(ews, '')
    await call(
      ews.app,
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`,
    )
    const res = await call(ews.app, createAttachmentXml(id, attachment('a.txt')))
    expect(res.codes()).to.deep.equal(['ErrorItemNotFound'])
  })

  it('deletes an attachment: the item keeps the others, shrinks, and the id no longer answers', async () => {
    const id = await saved(ews, attachment('a.txt') + attachment('b.txt'))
    const ids = (await getItem(ews, id))
      .select('//t:FileAttachment/t:AttachmentId/@Id')
      .map((n) => n.nodeValue ?? '')
    const sizeBefore = ews.store.getItem(ALICE, id).size
    const res = await call(ews.app, deleteAttachmentXml(ids[0]!))
    expect(res.codes()).to.deep.equal(['NoError'])
    const after = ews.store.getItem(ALICE, id)
    expect(res.value('//m:RootItemId/@RootItemId')).to.equal(id)
    expect(res.value('//m:RootItemId/@RootItemChangeKey')).to.equal(after.itemId.changeKey)
    expect(after.attachments?.map((a) => a.name)).to.deep.equal(['b.txt'])
    expect(after.size).to.be.lessThan(sizeBefore)
    const again = await call(ews.app, deleteAttachmentXml(ids[0]!, ids[1]!))
    expect(again.codes()).to.deep.equal(['ErrorInvalidAttachmentId', 'NoError'])
    expect((await getItem(ews, id)).value('//t:Message/t:HasAttachments')).to.equal('false')
  })
})

describe('Attachment memory', () => {
  it('copies and moves of an item share its attachment content instead of copying it', async () => {
    const ews = testApp()
    const big = Buffer.alloc(64 * 1024, 7)
    const id = await saved(ews, attachment('big.bin', big))
    const copies: string[] = []
    for (const op of ['CopyItem', 'CopyItem', 'MoveItem']) {
      const res = await call(
        ews.app,
        `<m:${op}><m:ToFolderId><t:DistinguishedFolderId Id="inbox"/></m:ToFolderId><m:ItemIds><t:ItemId Id="${op === 'MoveItem' ? copies[0] : id}"/></m:ItemIds></m:${op}>`,
      )
      expect(res.codes()).to.deep.equal(['NoError'])
      copies.push(res.value('//t:ItemId/@Id'))
    }
    const original = ews.store.getItem(ALICE, id).attachments![0]!.content
    expect(original.equals(big)).to.equal(true)
    for (const copy of copies.slice(1))
      expect(ews.store.getItem(ALICE, copy).attachments![0]!.content).to.equal(original)
  })
})
