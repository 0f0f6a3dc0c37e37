/**
 * The presence states of the Skype for Business client and what each means for an IM sent to a
 * contact in it (S8; reference/sfb-offline-im.md §3 "Other notes", §4; docs/decisions/0027):
 *
 * | state | the contact is | an IM to them |
 * |---|---|---|
 * | available, busy, be-right-back, away, off-work | signed in | shown by their client (`live`) |
 * | do-not-disturb, presenting | signed in, notifications held | reaches their client, which does not show it and writes a missed message into its own mailbox (S8) |
 * | appear-offline | signed in, shown as Offline to others | an offline IM (others see Offline) |
 * | offline | signed out | an offline IM |
 * | unknown | not known (never published) | an offline IM |
 */
export const PRESENCE_STATES = [
  'available',
  'busy',
  'do-not-disturb',
  'presenting',
  'be-right-back',
  'away',
  'off-work',
  'appear-offline',
  'offline',
  'unknown',
] as const
export type Presence = (typeof PRESENCE_STATES)[number]

/** What a signed-in user can set (`online` is the older name of `available`). */
export type SettablePresence = Exclude<Presence, 'offline' | 'unknown'> | 'online'

export type IncomingIm = 'shown' | 'missed-by-own-client' | 'offline-im'

export function incomingIm(presence: Presence): IncomingIm {
  switch (presence) {
    case 'do-not-disturb':
    case 'presenting':
      return 'missed-by-own-client'
    case 'appear-offline':
    case 'offline':
    case 'unknown':
      return 'offline-im'
    default:
      return 'shown'
  }
}

/** An IM as it reaches the recipient's client. */
export interface ImDelivery {
  from: string
  fromName: string
  text: string
  sentAt: string
}
