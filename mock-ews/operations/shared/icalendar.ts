/**
 * Meetings across an organisation boundary travel as iCalendar (RFC 5546 iTIP: METHOD REQUEST,
 * REPLY, CANCEL), as Exchange sends them: a `text/calendar` part the receiving side turns back
 * into a meeting message. Written and read with ical.js (decision 0050).
 */
import ICAL from 'ical.js'
import type { Attendee, CalendarFields, ResponseType } from '../../domain/calendar.ts'
import type { EmailAddress } from '../../domain/items.ts'

export type ItipMethod = 'REQUEST' | 'REPLY' | 'CANCEL'
export const ICS_NAME = 'meeting.ics'

const PARTSTAT: Partial<Record<ResponseType, string>> = {
  Accept: 'ACCEPTED',
  Tentative: 'TENTATIVE',
  Decline: 'DECLINED',
}
const ROLES = [
  ['requiredAttendees', 'REQ-PARTICIPANT'],
  ['optionalAttendees', 'OPT-PARTICIPANT'],
  ['resources', 'NON-PARTICIPANT'],
] as const

function person(
  ev: InstanceType<typeof ICAL.Component>,
  name: string,
  a: EmailAddress,
): InstanceType<typeof ICAL.Property> {
  const p = ev.addPropertyWithValue(name, `mailto:${a.address}`)
  if (a.name) p.setParameter('cn', a.name)
  return p
}

/** The iTIP object of a meeting: REQUEST / CANCEL from the organizer, REPLY from `replier`. */
export function buildItip(
  method: ItipMethod,
  subject: string,
  c: CalendarFields,
  replier?: { mailbox: EmailAddress; answer: ResponseType },
): string {
  const cal = new ICAL.Component(['vcalendar', [], []])
  cal.updatePropertyWithValue('prodid', '-//mock-ews//EN')
  cal.updatePropertyWithValue('version', '2.0')
  cal.updatePropertyWithValue('method', method)
  const ev = new ICAL.Component('vevent')
  ev.updatePropertyWithValue('uid', c.uid)
  ev.updatePropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(c.start), true))
  ev.updatePropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(c.end), true))
  ev.updatePropertyWithValue('summary', subject)
  if (c.location !== undefined) ev.updatePropertyWithValue('location', c.location)
  if (method === 'CANCEL') ev.updatePropertyWithValue('status', 'CANCELLED')
  ev.updatePropertyWithValue('x-microsoft-cdo-busystatus', c.freeBusy.toUpperCase())
  if (c.organizer) person(ev, 'organizer', c.organizer)
  if (replier) {
    person(ev, 'attendee', replier.mailbox).setParameter('partstat', PARTSTAT[replier.answer]!)
  } else {
    for (const [key, role] of ROLES)
      for (const a of c[key]) {
        const p = person(ev, 'attendee', a.mailbox)
        p.setParameter('role', role)
        p.setParameter('partstat', 'NEEDS-ACTION')
      }
  }
  cal.addSubcomponent(ev)
  return cal.toString()
}

export interface ParsedItip {
  method: ItipMethod
  subject: string
  calendar: Omit<CalendarFields, 'freeBusy'> & { freeBusy: CalendarFields['freeBusy'] }
  /** A REPLY's attendee and answer. */
  reply?: { address: string; answer: ResponseType }
}

const mailbox = (p: InstanceType<typeof ICAL.Property>): EmailAddress => ({
  name: (p.getParameter('cn') as string | undefined) ?? undefined,
  address: String(p.getFirstValue()).replace(/^mailto:/i, ''),
})

/** Reads an iTIP object as the receiving Exchange does; undefined when it is not one. */
export function parseItip(text: string): ParsedItip | undefined {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown as unknown[])
  const method = String(cal.getFirstPropertyValue('method') ?? '') as ItipMethod
  const ev = cal.getFirstSubcomponent('vevent')
  if (!ev || !['REQUEST', 'REPLY', 'CANCEL'].includes(method)) return undefined
  const event = new ICAL.Event(ev)
  const organizer = ev.getFirstProperty('organizer')
  const lists: Record<(typeof ROLES)[number][0], Attendee[]> = {
    requiredAttendees: [],
    optionalAttendees: [],
    resources: [],
  }
  let reply: ParsedItip['reply']
  for (const p of ev.getAllProperties('attendee')) {
    const role = String(p.getParameter('role') ?? 'REQ-PARTICIPANT')
    const key = ROLES.find(([, r]) => r === role)?.[0] ?? 'requiredAttendees'
    lists[key].push({ mailbox: mailbox(p) })
    const stat = String(p.getParameter('partstat') ?? '')
    const answer = (Object.keys(PARTSTAT) as ResponseType[]).find((k) => PARTSTAT[k] === stat)
    if (method === 'REPLY' && answer) reply = { address: mailbox(p).address, answer }
  }
  const busy = String(ev.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? 'BUSY')
  const freeBusy = (['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere'] as const).find(
    (f) => f.toUpperCase() === busy,
  )
  const location = ev.getFirstPropertyValue('location')
  return {
    method,
    subject: event.summary ?? '',
    calendar: {
      uid: event.uid,
      start: event.startDate.toJSDate().getTime(),
      end: event.endDate.toJSDate().getTime(),
      isAllDayEvent: event.startDate.isDate,
      freeBusy: freeBusy ?? 'Busy',
      ...(location !== null && location !== undefined ? { location: String(location) } : {}),
      ...(organizer ? { organizer: mailbox(organizer) } : {}),
      ...lists,
    },
    ...(reply ? { reply } : {}),
  }
}
