/**
 * Build numbers of the Skype for Business 2016 Click-to-Run client, `16.0.X.Y`: parsing,
 * formatting, numeric comparison and half-open ranges. Builds compare numerically on all four
 * parts, as reference/sfb-offline-im.md §2.4 says (so 6965.2058 > 6965.2053 and 10 > 9).
 */

/** A four-part build number, e.g. `[16, 0, 6965, 2058]` for 16.0.6965.2058. */
export type Build = readonly [major: number, minor: number, build: number, revision: number]

/** A build, or its text (which is parsed, and throws if it is not a build). */
export type BuildLike = Build | string

const BUILD_TEXT = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/

function buildError(text: unknown): Error {
  const shown = typeof text === 'string' ? JSON.stringify(text) : String(text)
  return new Error(
    `Not a build number: ${shown} (expected four dot-separated non-negative integers, like 16.0.6965.2058)`,
  )
}

/**
 * Parses `16.0.X.Y`. Leading zeros are allowed (`formatBuild` drops them); anything that is not
 * exactly four dot-separated non-negative integers (no signs, spaces or empty parts) throws an
 * error naming the text.
 */
export function parseBuild(text: string): Build {
  const match = typeof text === 'string' ? BUILD_TEXT.exec(text) : null
  if (!match) throw buildError(text)
  const parts = match.slice(1, 5).map(Number)
  if (!parts.every(Number.isSafeInteger)) throw buildError(text)
  const [major = 0, minor = 0, build = 0, revision = 0] = parts
  return Object.freeze([major, minor, build, revision] as const)
}

function isPart(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
}

/** Returns the build, parsing text; throws on a malformed build (text or hand-made tuple). */
export function toBuild(build: BuildLike): Build {
  if (typeof build === 'string') return parseBuild(build)
  if (!Array.isArray(build) || build.length !== 4 || !build.every(isPart)) {
    throw buildError(Array.isArray(build) ? `[${build.join(', ')}]` : build)
  }
  return build
}

/** `16.0.6965.2058`. */
export function formatBuild(build: BuildLike): string {
  return toBuild(build).join('.')
}

/** Negative if a < b, 0 if equal, positive if a > b; numeric on all four parts in order. */
export function compareBuilds(a: BuildLike, b: BuildLike): number {
  const x = toBuild(a)
  const y = toBuild(b)
  for (let i = 0; i < 4; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

/** Whether fromInclusive <= build < toExclusive. */
export function inRange(
  build: BuildLike,
  fromInclusive: BuildLike,
  toExclusive: BuildLike,
): boolean {
  return compareBuilds(build, fromInclusive) >= 0 && compareBuilds(build, toExclusive) < 0
}
