/**
 * t:CalendarItemType's own elements (field URIs calendar:<name>) and what mock-ews does when a
 * client writes one: the same rules as item-elements.ts (stored, read-only, or not-yet and refused
 * naming it). See docs/decisions/0048.
 */
import type { ElementRule } from './item-elements.ts'

const NOT_YET = { notYet: true } as const
const notYetUnless = (...accepts: string[]): ElementRule => ({ notYet: true, accepts })

export const CALENDAR_ELEMENTS: Readonly<Record<string, ElementRule>> = {
  UID: 'stored',
  RecurrenceId: 'read-only',
  DateTimeStamp: 'read-only',
  Start: 'stored',
  End: 'stored',
  OriginalStart: 'read-only',
  IsAllDayEvent: 'stored',
  LegacyFreeBusyStatus: 'stored',
  Location: 'stored',
  When: NOT_YET,
  IsMeeting: 'read-only',
  IsCancelled: 'read-only',
  IsRecurring: 'read-only',
  MeetingRequestWasSent: 'read-only',
  IsResponseRequested: 'stored',
  CalendarItemType: 'read-only',
  MyResponseType: 'read-only',
  Organizer: 'read-only',
  RequiredAttendees: 'stored',
  OptionalAttendees: 'stored',
  Resources: 'stored',
  InboxReminders: NOT_YET,
  ConflictingMeetingCount: 'read-only',
  AdjacentMeetingCount: 'read-only',
  ConflictingMeetings: 'read-only',
  AdjacentMeetings: 'read-only',
  Duration: 'read-only',
  TimeZone: 'read-only',
  AppointmentReplyTime: 'read-only',
  AppointmentSequenceNumber: 'read-only',
  AppointmentState: 'read-only',
  Recurrence: 'stored',
  FirstOccurrence: 'read-only',
  LastOccurrence: 'read-only',
  ModifiedOccurrences: 'read-only',
  DeletedOccurrences: 'read-only',
  MeetingTimeZone: 'stored',
  StartTimeZone: 'stored',
  EndTimeZone: 'stored',
  // exchangelib writes ConferenceType 0 (NetMeeting) and IsOnlineMeeting false on every save.
  ConferenceType: notYetUnless('0'),
  AllowNewTimeProposal: 'stored',
  IsOnlineMeeting: notYetUnless('false', '0'),
  MeetingWorkspaceUrl: NOT_YET,
  NetShowUrl: NOT_YET,
  EnhancedLocation: NOT_YET,
  StartWallClock: 'read-only',
  EndWallClock: 'read-only',
  StartTimeZoneId: 'stored',
  EndTimeZoneId: 'stored',
  IntendedFreeBusyStatus: NOT_YET,
  JoinOnlineMeetingUrl: 'read-only',
  OnlineMeetingSettings: 'read-only',
  IsOrganizer: 'read-only',
  CalendarActivityData: 'read-only',
}
