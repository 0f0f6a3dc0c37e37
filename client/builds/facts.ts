/**
 * What a client build can do for offline IM: the build thresholds of Microsoft's page "Enable or
 * Disable Offline Instant Messaging (IM) in Skype for Business Server" (reference/sfb-offline-im.md
 * §1, §2.3-2.4), the Drafts-bug window of the model (§5; docs/drafts-bug.md; DESIGN.md "The Drafts
 * bug"), and `buildFacts`, which gives each answer with a one-line reason for the client's trace.
 *
 * 16.0.6701.1000 and 16.0.6920.1000 appear in no public channel table (§2.3): they are most likely
 * pre-release builds. So nothing here looks a threshold up in the catalogue; every build, known or
 * unknown, is compared numerically on all four parts.
 */
import { compareBuilds, formatBuild, inRange, parseBuild } from './build.ts'
import type { Build, BuildLike } from './build.ts'
import { describeRelease, releasesOf } from './catalogue.ts'
import type { Release } from './catalogue.ts'

/**
 * Offline IM at all: "2016 C2R build 16.0.6701.1000 or higher" (the doc). The release notes first
 * announce "Offline messaging" with 16.0.6965.2053 (§2.2); the model follows the doc's rule.
 */
export const OFFLINE_IM_MIN_BUILD: Build = parseBuild('16.0.6701.1000')

/** Offline IM when the sender's mailbox is on-premises: "build 16.0.6920.1000 is required". */
export const ON_PREMISES_MIN_BUILD: Build = parseBuild('16.0.6920.1000')

/**
 * The first build with the one-step send (CreateItem SendAndSaveCopy): Current and First Release
 * for Deferred, 2016-06-14 ("fixed in all C2R channels as of 6/14/2016"). The release notes of
 * that build do not mention the fix (§2.2, §5).
 */
export const DRAFTS_FIX_BUILD: Build = parseBuild('16.0.6965.2058')

/** The day DRAFTS_FIX_BUILD was released. */
export const DRAFTS_FIX_DATE = '2016-06-14'

/**
 * Current 1611, 2016-12-06: "Fix an issue where the unread count isn't shown when there are
 * missed offline IMs." (§2.2). The same day KB3127976 fixed "An empty conversation item is saved
 * as a missed conversation" for the MSI clients (S16); the model dates the Click-to-Run fix of
 * empty messages to this build too (docs/decisions/0029).
 */
export const DECEMBER_2016_FIX_BUILD: Build = parseBuild('16.0.7571.2072')

export interface BuildFacts {
  /** `16.0.X.Y`. */
  build: string
  /** build >= OFFLINE_IM_MIN_BUILD. */
  offlineImCapable: boolean
  /** build >= ON_PREMISES_MIN_BUILD. */
  onPremisesCapable: boolean
  /**
   * ON_PREMISES_MIN_BUILD <= build < DRAFTS_FIX_BUILD: with an on-premises mailbox this build
   * sends in two steps (CreateItem SaveOnly into Drafts, then SendItem) — the client half of the
   * Drafts bug. With an Exchange Online mailbox it sends the same way, and Online accepts it.
   */
  twoStepSendOnPremises: boolean
  /** build >= DECEMBER_2016_FIX_BUILD: the unread count of missed offline IMs is shown. */
  showsMissedUnreadCount: boolean
  /** build >= DECEMBER_2016_FIX_BUILD: a missed conversation of several lines holds the first. */
  includesInitialIm: boolean
  /** build >= DECEMBER_2016_FIX_BUILD: an empty or white-space message is neither spooled nor sent. */
  dropsEmptyMessages: boolean
  /** Whether any release in the catalogue shipped this build. */
  known: boolean
  /** The releases that shipped it (empty if unknown). */
  releases: readonly Release[]
  /** One line per answer, for the trace. */
  reasons: {
    offlineImCapable: string
    onPremisesCapable: string
    twoStepSendOnPremises: string
    showsMissedUnreadCount: string
    dropsEmptyMessages: string
    known: string
  }
}

/** Facts by build text: the gates ask on every tick of the History Spooler, for a few builds. */
const factsOf = new Map<string, BuildFacts>()

/** Everything the engine needs to know about a build, with reasons (frozen, shared). */
export function buildFacts(build: BuildLike): BuildFacts {
  const b = formatBuild(build)
  let facts = factsOf.get(b)
  if (!facts) {
    if (factsOf.size >= 1000) factsOf.clear()
    facts = Object.freeze(factsFor(build, b))
    Object.freeze(facts.reasons)
    factsOf.set(b, facts)
  }
  return facts
}

function factsFor(build: BuildLike, b: string): BuildFacts {
  const minIm = formatBuild(OFFLINE_IM_MIN_BUILD)
  const minOnPrem = formatBuild(ON_PREMISES_MIN_BUILD)
  const fix = formatBuild(DRAFTS_FIX_BUILD)

  const offlineImCapable = compareBuilds(build, OFFLINE_IM_MIN_BUILD) >= 0
  const onPremisesCapable = compareBuilds(build, ON_PREMISES_MIN_BUILD) >= 0
  const twoStepSendOnPremises = inRange(build, ON_PREMISES_MIN_BUILD, DRAFTS_FIX_BUILD)
  const december = compareBuilds(build, DECEMBER_2016_FIX_BUILD) >= 0
  const dec = formatBuild(DECEMBER_2016_FIX_BUILD)
  const releases = releasesOf(build)
  const known = releases.length > 0

  let twoStepReason: string
  if (twoStepSendOnPremises) {
    twoStepReason = `${b} is in [${minOnPrem}, ${fix}): sends in two steps (CreateItem SaveOnly into Drafts, then SendItem)`
  } else if (!onPremisesCapable) {
    twoStepReason = `${b} < ${minOnPrem}: no offline IM with an on-premises mailbox, so no two-step send`
  } else {
    twoStepReason = `${b} >= ${fix} (released ${DRAFTS_FIX_DATE}): sends in one step (CreateItem SendAndSaveCopy)`
  }

  return {
    build: b,
    offlineImCapable,
    onPremisesCapable,
    twoStepSendOnPremises,
    showsMissedUnreadCount: december,
    dropsEmptyMessages: december,
    includesInitialIm: december,
    known,
    releases,
    reasons: {
      offlineImCapable: offlineImCapable
        ? `${b} >= ${minIm}: offline IM available`
        : `${b} < ${minIm}: offline IM needs build ${minIm} or higher`,
      onPremisesCapable: onPremisesCapable
        ? `${b} >= ${minOnPrem}: offline IM available with an on-premises mailbox`
        : `${b} < ${minOnPrem}: offline IM with an on-premises mailbox needs build ${minOnPrem}`,
      twoStepSendOnPremises: twoStepReason,
      showsMissedUnreadCount: december
        ? `${b} >= ${dec}: the unread count of missed offline IMs is shown`
        : `${b} < ${dec}: the unread count isn't shown when there are missed offline IMs (fixed in ${dec})`,
      dropsEmptyMessages: december
        ? `${b} >= ${dec}: an empty message is not sent`
        : `${b} < ${dec}: an empty message is spooled and sent (an empty missed conversation; fixed in ${dec})`,
      known: known
        ? `${b} released: ${releases.map(describeRelease).join('; ')}`
        : `${b} is in no public channel table of the catalogue; judged numerically`,
    },
  }
}
