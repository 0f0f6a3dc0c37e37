/**
 * The catalogue of Skype for Business 2016 Click-to-Run releases, as data: every release of the
 * 2016 by-date table (reference/sfb-offline-im.md §2.1, from Microsoft's "Update history for Office
 * 365 ProPlus (listed by date)"), the last 2015 row (2015-12-11) and the first 2017 rows (2017-01-04
 * and 2017-01-10) given below it, with the offline-IM lines of the release notes (§2.2). A scenario
 * may name a build, or a channel and a date, and this says which releases shipped that build or
 * which build a machine on that channel had on that day.
 */
import { compareBuilds, parseBuild } from './build.ts'
import type { Build, BuildLike } from './build.ts'

/**
 * The three channels of 2016 with the names they had then, and what Microsoft renamed them to
 * (§2, S4). First Release for Current Channel is not here: no archived page lists its 2016 builds.
 */
export const CHANNELS = {
  Current: {
    name: 'Current Channel',
    laterName: 'Monthly Channel',
    renamed: 'September 2017',
  },
  FirstReleaseForDeferred: {
    name: 'First Release for Deferred Channel',
    laterName: 'Semi-Annual Channel (Targeted)',
    renamed: 'September 2017',
  },
  Deferred: {
    name: 'Deferred Channel',
    laterName: 'Semi-Annual Channel',
    renamed: 'January 2018',
  },
} as const satisfies Record<string, { name: string; laterName: string; renamed: string }>

export type Channel = keyof typeof CHANNELS
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[]

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(CHANNELS, name)
}

/** One release: a build shipped on one channel on one day. */
export interface Release {
  /** Release day, `YYYY-MM-DD` (the table gives days, no time or time zone). */
  readonly date: string
  readonly channel: Channel
  /** The version (fork) the build belongs to, e.g. `1605`. */
  readonly version: string
  /** `16.0.X.Y`. */
  readonly build: string
  /**
   * Offline-IM-related lines of that channel's release notes for this release, verbatim (§2.2).
   * Absent means §2.2 lists none, not that the release notes say nothing else.
   */
  readonly notes?: readonly string[]
}

const OFFLINE_MESSAGING =
  "Offline messaging: Send messages to contacts even if they're not signed in."
const OFFLINE_ONLY_FIX =
  'Fix an issue where the user incorrectly sees an "Offline messages only" message when the recipient can\'t receive offline messages.'
const CHAT_HISTORY_DRAFT_FIX =
  "Fix an issue where a saved chat history appeared in Outlook as a draft mail message and couldn't be replied to."
const MIGRATED_TO_ONLINE_FIX =
  "Fix an issue where the user can't connect to Exchange to get conversation history, contact, or voicemail information after the user has been migrated to Exchange Online."
const UNREAD_COUNT_FIX =
  "Fix an issue where the unread count isn't shown when there are missed offline IMs."
const INITIAL_IM_FIX =
  "Fix an issue where a missed conversation email doesn't contain the initial IM."

/**
 * What the model does with each release-note line above: a line that describes client behaviour
 * either changes the model for builds before/after it (`modelled`: where) or is marked not
 * modelled with the reason. client/README.md "Release notes" lists the same.
 */
export type NoteEffect = { modelled: string } | { notModelled: string }

export const NOTE_EFFECTS: Readonly<Record<string, NoteEffect>> = Object.freeze({
  [OFFLINE_MESSAGING]: {
    modelled:
      "offline IM itself (facts.ts OFFLINE_IM_MIN_BUILD, ON_PREMISES_MIN_BUILD): the model follows the offline-IM page's thresholds 16.0.6701.1000 / 16.0.6920.1000, which every build carrying this note passes",
  },
  [OFFLINE_ONLY_FIX]: {
    notModelled:
      'the "Offline messages only" banner is not modelled (a sender-side UI text; the sources give neither its wording nor when it showed)',
  },
  [CHAT_HISTORY_DRAFT_FIX]: {
    notModelled:
      "how Outlook shows a saved chat history is Outlook's display, not the offline-IM engine; the sources give no cause the model could reproduce",
  },
  [MIGRATED_TO_ONLINE_FIX]: {
    notModelled:
      'the model has no mailbox migration to Exchange Online yet (a hybrid move is on the scenario-language list of issue 14)',
  },
  [UNREAD_COUNT_FIX]: {
    modelled:
      'facts.ts showsMissedUnreadCount: before 16.0.7571.2072 the engine shows 0 missed (engine.missedCount)',
  },
  [INITIAL_IM_FIX]: {
    modelled:
      'facts.ts includesInitialIm: before 16.0.7571.2072 a missed conversation of several lines leaves the first out of its body (message.ts)',
  },
})

const C = 'Current'
const F = 'FirstReleaseForDeferred'
const D = 'Deferred'

function r(
  date: string,
  channel: Channel,
  version: string,
  build: string,
  notes?: readonly string[],
): Release {
  return Object.freeze({
    date,
    channel,
    version,
    build,
    ...(notes ? { notes: Object.freeze([...notes]) } : {}),
  })
}

/**
 * Every release, in date order; within a day Current, then First Release for Deferred, then
 * Deferred. On several days Deferred shipped two builds at once, one per supported version (1602
 * and 1509, later 1605 and 1602); the table lists the newer version first and so does this.
 */
export const RELEASES: readonly Release[] = Object.freeze([
  r('2015-12-11', C, '1511', '16.0.6366.2036'),

  r('2016-01-12', C, '1511', '16.0.6366.2056'),
  r('2016-01-12', F, '1509', '16.0.6001.1054'),
  r('2016-01-25', C, '1511', '16.0.6366.2062'),
  r('2016-02-09', C, '1511', '16.0.6366.2068'),
  r('2016-02-09', F, '1509', '16.0.6001.1061'),
  r('2016-02-09', D, '1509', '16.0.6001.1061'),
  r('2016-02-16', C, '1601', '16.0.6568.2025'),
  r('2016-03-03', C, '1601', '16.0.6568.2034'),
  r('2016-03-04', C, '1601', '16.0.6568.2036'),
  r('2016-03-08', F, '1602', '16.0.6741.2014'),
  r('2016-03-08', D, '1509', '16.0.6001.1068'),
  r('2016-03-14', F, '1602', '16.0.6741.2015'),
  r('2016-03-16', F, '1602', '16.0.6741.2017'),
  r('2016-03-17', C, '1602', '16.0.6741.2017'),
  r('2016-03-23', F, '1602', '16.0.6741.2021'),
  r('2016-03-24', C, '1602', '16.0.6741.2021'),
  r('2016-04-04', C, '1603', '16.0.6769.2015'),
  r('2016-04-04', F, '1602', '16.0.6741.2025'),
  r('2016-04-12', C, '1603', '16.0.6769.2017'),
  r('2016-04-12', F, '1602', '16.0.6741.2026'),
  r('2016-04-12', D, '1509', '16.0.6001.1073'),
  r('2016-04-28', C, '1603', '16.0.6769.2040'),
  r('2016-05-03', F, '1602', '16.0.6741.2033'),
  r('2016-05-04', C, '1604', '16.0.6868.2060'),
  r('2016-05-10', C, '1604', '16.0.6868.2062'),
  r('2016-05-10', F, '1602', '16.0.6741.2037'),
  r('2016-05-10', D, '1509', '16.0.6001.1078'),
  r('2016-05-23', C, '1604', '16.0.6868.2067'),
  r('2016-05-23', F, '1602', '16.0.6741.2042'),
  r('2016-06-06', C, '1605', '16.0.6965.2053', [OFFLINE_MESSAGING]),
  r('2016-06-07', F, '1602', '16.0.6741.2047'),
  r('2016-06-14', C, '1605', '16.0.6965.2058'),
  r('2016-06-14', F, '1605', '16.0.6965.2058', [OFFLINE_MESSAGING]),
  r('2016-06-14', D, '1602', '16.0.6741.2048'),
  r('2016-06-14', D, '1509', '16.0.6001.1082'),
  r('2016-06-30', C, '1605', '16.0.6965.2063'),
  r('2016-06-30', F, '1605', '16.0.6965.2063'),
  r('2016-07-05', C, '1606', '16.0.7070.2022'),
  r('2016-07-12', C, '1606', '16.0.7070.2026'),
  r('2016-07-12', F, '1605', '16.0.6965.2066'),
  r('2016-07-12', D, '1602', '16.0.6741.2056'),
  r('2016-07-12', D, '1509', '16.0.6001.1085'),
  r('2016-07-20', C, '1606', '16.0.7070.2028'),
  r('2016-07-21', F, '1605', '16.0.6965.2069'),
  r('2016-07-26', C, '1606', '16.0.7070.2033'),
  r('2016-08-09', C, '1606', '16.0.7070.2036'),
  r('2016-08-09', F, '1605', '16.0.6965.2076'),
  r('2016-08-09', D, '1602', '16.0.6741.2063'),
  r('2016-08-09', D, '1509', '16.0.6001.1087'),
  r('2016-08-16', C, '1607', '16.0.7167.2040', [OFFLINE_ONLY_FIX]),
  r('2016-08-31', C, '1607', '16.0.7167.2047'),
  r('2016-09-06', C, '1607', '16.0.7167.2055'),
  r('2016-09-13', C, '1607', '16.0.7167.2060'),
  r('2016-09-13', F, '1605', '16.0.6965.2084'),
  r('2016-09-13', D, '1602', '16.0.6741.2071'),
  r('2016-09-13', D, '1509', '16.0.6001.1090'),
  r('2016-09-21', C, '1608', '16.0.7341.2032', [CHAT_HISTORY_DRAFT_FIX]),
  r('2016-09-26', C, '1608', '16.0.7341.2035'),
  r('2016-10-04', C, '1609', '16.0.7369.2024'),
  r('2016-10-11', C, '1609', '16.0.7369.2038'),
  r('2016-10-11', F, '1609', '16.0.7369.2038', [
    OFFLINE_ONLY_FIX,
    CHAT_HISTORY_DRAFT_FIX,
    MIGRATED_TO_ONLINE_FIX,
  ]),
  r('2016-10-11', D, '1605', '16.0.6965.2092', [OFFLINE_MESSAGING]),
  r('2016-10-11', D, '1602', '16.0.6741.2081'),
  r('2016-11-02', C, '1609', '16.0.7369.2054', [MIGRATED_TO_ONLINE_FIX]),
  r('2016-11-02', F, '1609', '16.0.7369.2054', [MIGRATED_TO_ONLINE_FIX]),
  r('2016-11-08', C, '1609', '16.0.7369.2055'),
  r('2016-11-08', F, '1609', '16.0.7369.2055'),
  r('2016-11-08', D, '1605', '16.0.6965.2105', [MIGRATED_TO_ONLINE_FIX]),
  r('2016-11-08', D, '1602', '16.0.6741.2088'),
  r('2016-11-10', C, '1610', '16.0.7466.2038'),
  r('2016-12-06', C, '1611', '16.0.7571.2072', [UNREAD_COUNT_FIX, INITIAL_IM_FIX]),
  r('2016-12-13', C, '1611', '16.0.7571.2075'),
  r('2016-12-13', F, '1609', '16.0.7369.2095'),
  r('2016-12-13', D, '1605', '16.0.6965.2115'),
  r('2016-12-13', D, '1602', '16.0.6741.2098'),

  r('2017-01-04', C, '1611', '16.0.7571.2109'),
  r('2017-01-10', F, '1609', '16.0.7369.2102'),
  r('2017-01-10', D, '1605', '16.0.6965.2117'),
  r('2017-01-10', D, '1602', '16.0.6741.2105'),
])

/** The last day the catalogue covers; later releases are not in it. */
export const CATALOGUE_LAST_DATE = '2017-01-10'

// Parsed once, so a malformed entry fails at load rather than at the first lookup.
const PARSED: readonly { release: Release; build: Build }[] = RELEASES.map((release) => ({
  release,
  build: parseBuild(release.build),
}))

/** Every release of exactly this build (several channels or days possible); empty if unknown. */
export function releasesOf(build: BuildLike): readonly Release[] {
  return PARSED.filter((p) => compareBuilds(p.build, build) === 0).map((p) => p.release)
}

/** Whether the build was shipped in any release of the catalogue. */
export function isKnownBuild(build: BuildLike): boolean {
  return releasesOf(build).length > 0
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T/

/**
 * The UTC calendar day (`YYYY-MM-DD`) of a Date, an ISO day or an ISO date-time; throws on
 * anything else, including impossible days such as 2016-02-30.
 */
export function isoDay(date: Date | string): string {
  if (typeof date === 'string') {
    const day = ISO_DAY.exec(date)
    if (day) {
      const [, y, m, d] = day.map(Number)
      const t = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0))
      if (t.getUTCFullYear() === y && t.getUTCMonth() + 1 === m && t.getUTCDate() === d) {
        return date
      }
      throw new Error(`Not a date: ${JSON.stringify(date)}`)
    }
    if (!ISO_DATE_TIME.test(date) || Number.isNaN(new Date(date).getTime())) {
      throw new Error(`Not a date: ${JSON.stringify(date)} (expected YYYY-MM-DD or ISO date-time)`)
    }
    return new Date(date).toISOString().slice(0, 10)
  }
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new Error(`Not a date: ${String(date)}`)
  }
  return date.toISOString().slice(0, 10)
}

/**
 * The release a machine on `channel` had installed on `date`: the latest release of that channel
 * on or before that day (a release counts from the start of its day, by UTC calendar day).
 * Undefined before the channel's first release in the catalogue; after CATALOGUE_LAST_DATE it
 * stays the last known release.
 *
 * Where Deferred shipped two builds on the same day (1602 and 1509, later 1605 and 1602), the
 * machine is taken to follow the newest version, i.e. the highest build of that day.
 */
export function installedRelease(channel: Channel, date: Date | string): Release | undefined {
  if (typeof channel !== 'string' || !isChannel(channel)) {
    throw new Error(
      `Not a channel: ${JSON.stringify(channel)} (expected one of ${CHANNEL_NAMES.join(', ')})`,
    )
  }
  const day = isoDay(date)
  let best: { release: Release; build: Build } | undefined
  for (const p of PARSED) {
    if (p.release.channel !== channel || p.release.date > day) continue
    if (
      !best ||
      p.release.date > best.release.date ||
      (p.release.date === best.release.date && compareBuilds(p.build, best.build) > 0)
    ) {
      best = p
    }
  }
  return best?.release
}

/** The build of `installedRelease(channel, date)`, or undefined before the first release. */
export function installedBuild(channel: Channel, date: Date | string): Build | undefined {
  const release = installedRelease(channel, date)
  return release ? parseBuild(release.build) : undefined
}

/** "Current 1605 on 2016-06-14" — for traces. */
export function describeRelease(release: Release): string {
  return `${release.channel} ${release.version} on ${release.date}`
}
