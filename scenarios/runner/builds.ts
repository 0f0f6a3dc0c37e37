/** A user's client build as a scenario gives it: a build, or the build a channel had on a day. */
import { formatBuild, installedBuild, isChannel, parseBuild } from '../../client/builds/index.ts'
import type { ClientSpec } from './model.ts'
import type { Path } from './registry.ts'

export function readClient(
  c: { build?: string; channel?: string; installed?: string },
  path: Path,
  fail: (path: Path, expected: string) => never,
): ClientSpec {
  if (c.build !== undefined) return { build: formatBuild(parseBuild(c.build)) }
  const channel = c.channel!
  if (!isChannel(channel)) return fail([...path, 'channel'], 'a channel of the catalogue')
  if (!installedBuild(channel, c.installed!)) {
    return fail([...path, 'installed'], `a day on which the ${channel} channel had a 2016 build`)
  }
  return { channel, installed: c.installed! }
}

/** The build a ClientSpec stands for. */
export function buildOf(spec: ClientSpec): string {
  if ('build' in spec) return spec.build
  if (!isChannel(spec.channel)) throw new Error(`unknown channel ${spec.channel}`)
  const build = installedBuild(spec.channel, spec.installed)
  if (!build) throw new Error(`${spec.channel} had no build on ${spec.installed}`)
  return formatBuild(build)
}
