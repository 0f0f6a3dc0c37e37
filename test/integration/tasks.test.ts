/**
 * Issue 17, tasks: CreateItem of t:Task into Tasks (IPM.Task), GetItem/FindItem read them back,
 * Status, PercentComplete and CompleteDate kept in step as Exchange keeps them, UpdateItem,
 * DeleteItem; a PercentComplete outside 0..100 is ErrorInvalidPercentCompleteValue.
 */
import { expect } from 'chai'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import { findItemXml, getItemXml, itemChange, itemId } from '../helpers/items.ts'

const create = (items: string) => `<m:CreateItem><m:Items>${items}</m:Items></m:CreateItem>`
const update = (id: string, updates: string) =>
  `<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges>${itemChange(itemId(id), updates)}</m:ItemChanges></m:UpdateItem>`
const setTask = (uri: string, task: string) =>
  `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:Task>${task}</t:Task></t:SetItemField>`

describe('Tasks (issue 17)', () => {
  const ews = testApp()
  const app = ews.app

  async function newTask(xml: string): Promise<string> {
    const res = await call(app, create(`<t:Task>${xml}</t:Task>`))
    expect(res.codes()).to.deep.equal(['NoError'])
    return res.value('string(//m:Items/t:Task/t:ItemId/@Id)')
  }
  async function read(id: string): Promise<(x: string) => string> {
    const res = await call(app, getItemXml(itemId(id)))
    expect(res.codes()).to.deep.equal(['NoError'])
    return (x) => res.value(`string(//t:Task/t:${x})`)
  }

  it('CreateItem files a t:Task in Tasks (IPM.Task); GetItem reads its fields, Owner and the worked-out ones', async () => {
    const id = await newTask(
      '<t:Subject>File the report</t:Subject><t:BillingInformation>ACME-7</t:BillingInformation>' +
        '<t:Companies><t:String>Fabrikam</t:String></t:Companies><t:DueDate>2016-06-20T17:00:00Z</t:DueDate>' +
        '<t:Mileage>12 km</t:Mileage><t:StartDate>2016-06-13T09:00:00Z</t:StartDate><t:TotalWork>120</t:TotalWork>',
    )
    const t = await read(id)
    expect(t('ItemClass')).to.equal('IPM.Task')
    expect(t('Subject')).to.equal('File the report')
    expect([
      t('BillingInformation'),
      t('Companies/t:String'),
      t('Mileage'),
      t('TotalWork'),
    ]).to.deep.equal(['ACME-7', 'Fabrikam', '12 km', '120'])
    expect([t('DueDate'), t('StartDate')]).to.deep.equal([
      '2016-06-20T17:00:00Z',
      '2016-06-13T09:00:00Z',
    ])
    expect([t('Status'), t('PercentComplete'), t('IsComplete')]).to.deep.equal([
      'NotStarted',
      '0',
      'false',
    ])
    expect(t('Owner')).to.not.equal('')
    expect(t('IsRecurring')).to.equal('false')
    const tasks = await call(app, findItemXml(distinguished('tasks')))
    expect(tasks.select('//t:Task/t:ItemId/@Id').map((n) => n.nodeValue)).to.include(id)
  })

  it('PercentComplete moves Status (InProgress, Completed with a CompleteDate), and Completed is 100 percent', async () => {
    const id = await newTask('<t:Subject>steps</t:Subject>')
    expect(
      (
        await call(
          app,
          update(id, setTask('task:PercentComplete', '<t:PercentComplete>40</t:PercentComplete>')),
        )
      ).codes(),
    ).to.deep.equal(['NoError'])
    let t = await read(id)
    expect([t('Status'), t('PercentComplete'), t('CompleteDate')]).to.deep.equal([
      'InProgress',
      '40',
      '',
    ])
    expect(
      (
        await call(app, update(id, setTask('task:Status', '<t:Status>Completed</t:Status>')))
      ).codes(),
    ).to.deep.equal(['NoError'])
    t = await read(id)
    expect([
      t('Status'),
      t('PercentComplete'),
      t('IsComplete'),
      t('StatusDescription'),
    ]).to.deep.equal(['Completed', '100', 'true', 'Completed'])
    expect(t('CompleteDate')).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const done = await call(
      app,
      findItemXml(distinguished('tasks'), {
        restriction:
          '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="task:IsComplete"/><t:FieldURIOrConstant><t:Constant Value="true"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>',
      }),
    )
    expect(done.select('//t:Task/t:ItemId/@Id').map((n) => n.nodeValue)).to.deep.equal([id])
  })

  it('a PercentComplete outside 0..100, or a read-only task element, is refused and nothing changes', async () => {
    const bad = await call(
      app,
      create('<t:Task><t:PercentComplete>150</t:PercentComplete></t:Task>'),
    )
    expect(bad.codes()).to.deep.equal(['ErrorInvalidPercentCompleteValue'])
    const id = await newTask('<t:Subject>keep</t:Subject><t:PercentComplete>10</t:PercentComplete>')
    const res = await call(
      app,
      update(id, setTask('task:PercentComplete', '<t:PercentComplete>-1</t:PercentComplete>')),
    )
    expect(res.codes()).to.deep.equal(['ErrorInvalidPercentCompleteValue'])
    expect((await read(id))('PercentComplete')).to.equal('10')
    const toSomeone = await call(
      app,
      update(
        id,
        '<t:SetItemField><t:FieldURI FieldURI="message:ToRecipients"/><t:Message><t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></t:SetItemField>',
      ),
    )
    expect(toSomeone.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    const owner = await call(app, create('<t:Task><t:Owner>mallory</t:Owner></t:Task>'))
    expect(owner.codes()).to.deep.equal(['ErrorInvalidPropertySet'])
    expect(owner.value('string(//m:MessageText)')).to.contain('task:Owner')
    const recurring = await call(app, create('<t:Task><t:Recurrence/></t:Task>'))
    expect(recurring.value('string(//m:MessageText)')).to.contain('Recurrence')
  })

  it('UpdateItem deletes a task field; DeleteItem removes the task', async () => {
    const id = await newTask(
      '<t:Subject>tidy</t:Subject><t:DueDate>2016-06-20T17:00:00Z</t:DueDate>',
    )
    const res = await call(
      app,
      update(id, '<t:DeleteItemField><t:FieldURI FieldURI="task:DueDate"/></t:DeleteItemField>'),
    )
    expect(res.codes()).to.deep.equal(['NoError'])
    expect((await read(id))('DueDate')).to.equal('')
    const del = await call(
      app,
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${itemId(id)}</m:ItemIds></m:DeleteItem>`,
    )
    expect(del.codes()).to.deep.equal(['NoError'])
  })
})
