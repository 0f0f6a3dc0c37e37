/**
 * The Skype for Business 2016 Click-to-Run build catalogue: build numbers, the releases of 2016 by
 * channel and date, and what each build can do for offline IM (reference/sfb-offline-im.md §2).
 */
export { compareBuilds, formatBuild, inRange, parseBuild, toBuild } from './build.ts'
export type { Build, BuildLike } from './build.ts'
export {
  CATALOGUE_LAST_DATE,
  CHANNEL_NAMES,
  CHANNELS,
  describeRelease,
  installedBuild,
  installedRelease,
  isChannel,
  isKnownBuild,
  isoDay,
  NOTE_EFFECTS,
  RELEASES,
  releasesOf,
} from './catalogue.ts'
export type { Channel, NoteEffect, Release } from './catalogue.ts'
export {
  buildFacts,
  DECEMBER_2016_FIX_BUILD,
  DRAFTS_FIX_BUILD,
  DRAFTS_FIX_DATE,
  OFFLINE_IM_MIN_BUILD,
  ON_PREMISES_MIN_BUILD,
} from './facts.ts'
export type { BuildFacts } from './facts.ts'
