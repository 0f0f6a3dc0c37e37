// The follow-up flag (item:Flag, Exchange2013 on): set by CreateItem and UpdateItem, read back,
// cleared by DeleteItemField; NotFlagged when never set; refused when its status or dates are bad.
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call, envelope, post, testApp } from '../helpers/ews.ts'
import { createItemXml, getItemXml, itemChange, itemId, updateItemXml } from '../helpers/items.ts'

const FLAG =
  '<t:Flag><t:FlagStatus>Flagged</t:FlagStatus><t:StartDate>2016-06-10T09:00:00Z</t:StartDate>' +
  '<t:DueDate>2016-06-12T09:00:00.000+02:00</t:DueDate></t:Flag>'

describe('Follow-up flag (item:Flag)', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  async function create(extra: string): Promise<string> {
    const res = await call(
      ews.app,
      createItemXml('SaveOnly', `<t:Message><t:Subject>x</t:Subject>${extra}</t:Message>`),
    )
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    return res.value('//t:ItemId/@Id')
  }

  const flagOf = async (id: string) => {
    const res = await call(ews.app, getItemXml(itemId(id)))
    return {
      status: res.value('//t:Message/t:Flag/t:FlagStatus'),
      start: res.value('//t:Message/t:Flag/t:StartDate'),
      due: res.value('//t:Message/t:Flag/t:DueDate'),
      complete: res.value('//t:Message/t:Flag/t:CompleteDate'),
    }
  }

  it('stores a flag from CreateItem and reads it back in UTC', async () => {
    const id = await create(FLAG)
    expect(await flagOf(id)).to.deep.equal({
      status: 'Flagged',
      start: '2016-06-10T09:00:00Z',
      due: '2016-06-12T07:00:00Z',
      complete: '',
    })
  })

  it('reads NotFlagged for an item never flagged', async () => {
    const id = await create('')
    expect((await flagOf(id)).status).to.equal('NotFlagged')
  })

  it('completes the flag with SetItemField and clears it with DeleteItemField', async () => {
    const id = await create(FLAG)
    const set = await call(
      ews.app,
      updateItemXml(
        itemChange(
          itemId(id),
          '<t:SetItemField><t:FieldURI FieldURI="item:Flag"/><t:Message><t:Flag><t:FlagStatus>Complete</t:FlagStatus><t:CompleteDate>2016-06-11T10:00:00Z</t:CompleteDate></t:Flag></t:Message></t:SetItemField>',
        ),
      ),
    )
    expect(set.codes(), set.text).to.deep.equal(['NoError'])
    expect(await flagOf(id)).to.deep.equal({
      status: 'Complete',
      start: '',
      due: '',
      complete: '2016-06-11T10:00:00Z',
    })
    const cleared = await call(
      ews.app,
      updateItemXml(
        itemChange(
          itemId(id),
          '<t:DeleteItemField><t:FieldURI FieldURI="item:Flag"/></t:DeleteItemField>',
        ),
      ),
    )
    expect(cleared.codes(), cleared.text).to.deep.equal(['NoError'])
    expect((await flagOf(id)).status).to.equal('NotFlagged')
  })

  it('refuses a bad status or date, naming the element', async () => {
    for (const bad of [
      '<t:Flag><t:FlagStatus>Red</t:FlagStatus></t:Flag>',
      '<t:Flag><t:FlagStatus>Flagged</t:FlagStatus><t:DueDate>tomorrow</t:DueDate></t:Flag>',
    ]) {
      const res = await call(ews.app, createItemXml('SaveOnly', `<t:Message>${bad}</t:Message>`))
      expect(res.faultCode(), res.text).to.equal('ErrorSchemaValidation')
      expect(res.text).to.match(/FlagStatus|DueDate/)
    }
  })

  it('leaves Flag out for Exchange2010, whose schema has none', async () => {
    const id = await create(FLAG)
    const res = await post(ews.app, envelope(getItemXml(itemId(id)), 'Exchange2010_SP2'))
    expect(res.codes(), res.text).to.deep.equal(['NoError'])
    expect(res.select('//t:Message/t:Flag')).to.have.length(0)
  })
})
