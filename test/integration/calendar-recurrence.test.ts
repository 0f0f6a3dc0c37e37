// Issue 17, calendar: Recurrence (the six patterns, three ranges) expanded by FindItem's
// CalendarView into occurrences with their own ids; GetItem by OccurrenceItemId and
// RecurringMasterItemId; deleted and modified occurrences; CalendarView's limits and errors.
import { expect } from 'chai'
import type { Element } from '@xmldom/xmldom'
import { call, distinguished, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { getItemXml, itemChange, itemId } from '../helpers/items.ts'

const create = (inner: string): string =>
  `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>${inner}</t:CalendarItem></m:Items></m:CreateItem>`

function view(
  start: string,
  end: string,
  max?: number,
  folder = distinguished('calendar'),
): string {
  return (
    '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape>' +
    '<t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:CalendarItemType"/></t:AdditionalProperties></m:ItemShape>' +
    `<m:CalendarView${max ? ` MaxEntriesReturned="${max}"` : ''} StartDate="${start}" EndDate="${end}"/>` +
    `<m:ParentFolderIds>${folder}</m:ParentFolderIds></m:FindItem>`
  )
}

const starts = (res: SoapAnswer): string[] =>
  res.select('//t:CalendarItem/t:Start').map((n) => n.textContent ?? '')
const idOf = (res: SoapAnswer): string =>
  (res.select('//t:CalendarItem/t:ItemId')[0] as unknown as Element).getAttribute('Id')!

describe('Calendar recurrence and CalendarView', () => {
  const { app } = testApp()

  async function series(
    subject: string,
    pattern: string,
    range: string,
    start = '2016-07-04T09:00:00',
    zone = 'W. Europe Standard Time',
  ): Promise<string> {
    const res = await call(
      app,
      create(
        `<t:Subject>${subject}</t:Subject><t:Start>${start}</t:Start><t:End>${start.replace('T09', 'T10')}</t:End>` +
          `<t:Recurrence>${pattern}${range}</t:Recurrence><t:StartTimeZone Id="${zone}"/>`,
      ),
    )
    expect(res.codes(), res.value('//m:MessageText')).to.deep.equal(['NoError'])
    return idOf(res)
  }

  it('expands weekly, daily, monthly and yearly patterns with their ranges, in the zone, across DST', async () => {
    await series(
      'weekly',
      '<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday Wednesday</t:DaysOfWeek></t:WeeklyRecurrence>',
      '<t:NumberedRecurrence><t:StartDate>2016-07-04</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>',
    )
    const res = await call(app, view('2016-07-01T00:00:00Z', '2016-07-31T00:00:00Z'))
    expect(res.codes()).to.deep.equal(['NoError'])
    expect(starts(res)).to.deep.equal([
      '2016-07-04T07:00:00Z',
      '2016-07-06T07:00:00Z',
      '2016-07-11T07:00:00Z',
    ])
    expect(
      res.select('//t:CalendarItem/t:CalendarItemType').map((n) => n.textContent),
    ).to.deep.equal(['Occurrence', 'Occurrence', 'Occurrence'])
    const ids = res
      .select('//t:CalendarItem/t:ItemId')
      .map((n) => (n as unknown as Element).getAttribute('Id'))
    expect(new Set(ids).size).to.equal(3)

    const { app: fresh } = testApp()
    const make = async (pattern: string, range: string) => {
      const r = await call(
        fresh,
        create(
          `<t:Start>2016-10-03T09:00:00</t:Start><t:End>2016-10-03T10:00:00</t:End><t:Recurrence>${pattern}${range}</t:Recurrence><t:StartTimeZone Id="W. Europe Standard Time"/>`,
        ),
      )
      expect(r.codes(), r.value('//m:MessageText')).to.deep.equal(['NoError'])
    }
    // Daily every 2 days to an end date, across the end of summer time (30 October 2016).
    await make(
      '<t:DailyRecurrence><t:Interval>2</t:Interval></t:DailyRecurrence>',
      '<t:EndDateRecurrence><t:StartDate>2016-10-27</t:StartDate><t:EndDate>2016-11-01</t:EndDate></t:EndDateRecurrence>',
    )
    const daily = await call(fresh, view('2016-10-01T00:00:00Z', '2016-11-30T00:00:00Z'))
    expect(starts(daily)).to.deep.equal([
      '2016-10-27T07:00:00Z',
      '2016-10-29T07:00:00Z',
      '2016-10-31T08:00:00Z',
    ])
    const { app: monthly } = testApp()
    const m = async (pattern: string) => {
      await call(
        monthly,
        create(
          `<t:Start>2016-01-01T09:00:00Z</t:Start><t:End>2016-01-01T10:00:00Z</t:End><t:Recurrence>${pattern}<t:NoEndRecurrence><t:StartDate>2016-01-01</t:StartDate></t:NoEndRecurrence></t:Recurrence>`,
        ),
      )
    }
    await m(
      '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>',
    )
    await m(
      '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>',
    )
    await m(
      '<t:AbsoluteYearlyRecurrence><t:DayOfMonth>29</t:DayOfMonth><t:Month>February</t:Month></t:AbsoluteYearlyRecurrence>',
    )
    await m(
      '<t:RelativeYearlyRecurrence><t:DaysOfWeek>Weekday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex><t:Month>March</t:Month></t:RelativeYearlyRecurrence>',
    )
    const spring = await call(monthly, view('2017-02-01T00:00:00Z', '2017-04-01T00:00:00Z'))
    expect(starts(spring)).to.deep.equal([
      '2017-02-24T09:00:00Z', // last Friday of February
      '2017-02-28T09:00:00Z', // the 31st, clamped to February's last day; yearly 29 February too
      '2017-02-28T09:00:00Z',
      '2017-03-01T09:00:00Z', // first weekday of March
      '2017-03-31T09:00:00Z',
      '2017-03-31T09:00:00Z',
    ])
  })

  it('MaxEntriesReturned cuts the view; over two years is ErrorCalendarViewRangeTooBig; not a calendar folder is refused', async () => {
    const cut = await call(app, view('2016-07-01T00:00:00Z', '2016-07-31T00:00:00Z', 2))
    expect(starts(cut)).to.have.length(2)
    expect(cut.value('//m:RootFolder/@IncludesLastItemInRange')).to.equal('false')
    expect(cut.value('//m:RootFolder/@TotalItemsInView')).to.equal('3')
    const big = await call(app, view('2016-01-01T00:00:00Z', '2018-01-03T00:00:00Z'))
    expect(big.codes()).to.deep.equal(['ErrorCalendarViewRangeTooBig'])
    expect(big.value('//m:MessageText')).to.equal(
      'The specified view range exceeds the maximum range of two years.',
    )
    const inbox = await call(
      app,
      view('2016-07-01T00:00:00Z', '2016-07-31T00:00:00Z', undefined, distinguished('inbox')),
    )
    expect(inbox.codes()).to.deep.equal(['ErrorCalendarFolderIsInvalidForCalendarView'])
  })

  it('GetItem by occurrence id, OccurrenceItemId and RecurringMasterItemId; deleted and modified occurrences', async () => {
    const { app: own } = testApp()
    const res = await call(
      own,
      create(
        '<t:Subject>Standup</t:Subject><t:Start>2016-07-04T09:00:00Z</t:Start><t:End>2016-07-04T09:15:00Z</t:End>' +
          '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2016-07-04</t:StartDate><t:NumberOfOccurrences>5</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>',
      ),
    )
    const master = idOf(res)
    const byIndex = await call(
      own,
      getItemXml(`<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="2"/>`),
    )
    expect(byIndex.value('//t:CalendarItem/t:Start')).to.equal('2016-07-05T09:00:00Z')
    expect(byIndex.value('//t:CalendarItem/t:CalendarItemType')).to.equal('Occurrence')
    const second = idOf(byIndex)
    const back = await call(own, getItemXml(`<t:RecurringMasterItemId OccurrenceId="${second}"/>`))
    expect(back.value('//t:CalendarItem/t:CalendarItemType')).to.equal('RecurringMaster')
    expect(back.value('//t:CalendarItem/t:LastOccurrence/t:Start')).to.equal('2016-07-08T09:00:00Z')
    const move = await call(
      own,
      `<m:MoveItem><m:ToFolderId>${distinguished('deleteditems')}</m:ToFolderId><m:ItemIds>${itemId(second)}</m:ItemIds></m:MoveItem>`,
    )
    expect(move.codes()).to.deep.equal(['ErrorCalendarCannotMoveOrCopyOccurrence'])
    const out = await call(
      own,
      getItemXml(`<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="6"/>`),
    )
    expect(out.codes()).to.deep.equal(['ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange'])

    // Delete the 2nd, move the 3rd an hour later with a new subject.
    const del = await call(
      own,
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds>${itemId(second)}</m:ItemIds></m:DeleteItem>`,
    )
    expect(del.codes()).to.deep.equal(['NoError'])
    const third = idOf(
      await call(
        own,
        getItemXml(`<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="3"/>`),
      ),
    )
    const set = (uri: string, inner: string) =>
      `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:CalendarItem>${inner}</t:CalendarItem></t:SetItemField>`
    const upd = await call(
      own,
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>${itemChange(
        itemId(third),
        set('calendar:Start', '<t:Start>2016-07-06T10:00:00Z</t:Start>') +
          set('calendar:End', '<t:End>2016-07-06T10:15:00Z</t:End>') +
          set('item:Subject', '<t:Subject>Late standup</t:Subject>'),
      )}</m:ItemChanges></m:UpdateItem>`,
    )
    expect(upd.codes(), upd.value('//m:MessageText')).to.deep.equal(['NoError'])
    const week = await call(own, view('2016-07-01T00:00:00Z', '2016-07-31T00:00:00Z'))
    expect(starts(week)).to.deep.equal([
      '2016-07-04T09:00:00Z',
      '2016-07-06T10:00:00Z',
      '2016-07-07T09:00:00Z',
      '2016-07-08T09:00:00Z',
    ])
    expect(week.select('//t:CalendarItem/t:Subject').map((n) => n.textContent)[1]).to.equal(
      'Late standup',
    )
    expect(
      week.select('//t:CalendarItem/t:CalendarItemType').map((n) => n.textContent)[1],
    ).to.equal('Exception')
    const gone = await call(own, getItemXml(itemId(second)))
    expect(gone.codes()).to.deep.equal(['ErrorCalendarOccurrenceIsDeletedFromRecurrence'])
    const m = await call(own, getItemXml(itemId(master)))
    expect(m.value('//t:DeletedOccurrences/t:DeletedOccurrence/t:Start')).to.equal(
      '2016-07-05T09:00:00Z',
    )
    expect(m.value('//t:ModifiedOccurrences/t:Occurrence/t:OriginalStart')).to.equal(
      '2016-07-06T09:00:00Z',
    )
    expect(m.value('//t:CalendarItem/t:Recurrence/t:DailyRecurrence/t:Interval')).to.equal('1')
  })

  it('refuses a recurrence without an occurrence or with a bad value, storing nothing', async () => {
    const bad = await call(
      app,
      create(
        '<t:Start>2016-07-04T09:00:00Z</t:Start><t:End>2016-07-04T10:00:00Z</t:End><t:Recurrence><t:DailyRecurrence><t:Interval>0</t:Interval></t:DailyRecurrence><t:NoEndRecurrence><t:StartDate>2016-07-04</t:StartDate></t:NoEndRecurrence></t:Recurrence>',
      ),
    )
    expect(bad.codes()).to.deep.equal(['ErrorCalendarInvalidRecurrence'])
  })
})
