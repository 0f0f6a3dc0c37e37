/** The `groups` of an organisation in a topology file: distribution groups, checked for cycles. */
import type { Path, Reader } from './reader.ts'
import type { GroupSpec, UserSpec } from './topology.ts'

const ADDRESS = /^[a-z0-9._%+-]+@([a-z0-9-]+\.)+[a-z]{2,63}$/

/**
 * Reads `groups`: each has an address in `domain` (used by no user), an optional display name
 * (default: the part before @) and members, each the address of a user or another group of the
 * organisation. A member that closes a cycle is refused where it is written.
 */
export function readGroups(
  r: Reader,
  value: unknown,
  path: Path,
  domain: string,
  users: readonly UserSpec[],
): GroupSpec[] | undefined {
  if (value === undefined) return undefined
  const list = r.array(value, path, 0)
  const inDomain = `an SMTP address in ${domain}`
  const heads = list.map((g, i) => {
    const o = r.object(g, [...path, i], ['address', 'displayName', 'members'])
    const address = r.string(o.address, [...path, i, 'address'], inDomain, ADDRESS, true)
    if (!address.endsWith(`@${domain}`)) r.fail([...path, i, 'address'], inDomain)
    return { o, address }
  })
  const userAddresses = new Set(users.map((u) => u.address))
  const groupAddresses = new Set<string>()
  heads.forEach(({ address }, i) => {
    if (userAddresses.has(address) || groupAddresses.has(address))
      r.fail([...path, i, 'address'], 'an address not used twice')
    groupAddresses.add(address)
  })
  const member = `the address of a user or group of ${domain}`
  const groups = heads.map(({ o, address }, i): GroupSpec => {
    const displayName =
      o.displayName === undefined
        ? address.split('@')[0]!
        : r.string(o.displayName, [...path, i, 'displayName'], 'a display name')
    const members = r.array(o.members, [...path, i, 'members'], 0).map((m, j) => {
      const a = r.string(m, [...path, i, 'members', j], member, ADDRESS, true)
      if (!userAddresses.has(a) && !groupAddresses.has(a))
        r.fail([...path, i, 'members', j], member)
      return a
    })
    return { address, displayName, members }
  })
  checkNoCycle(r, groups, path)
  return groups
}

/** Depth-first search over the group graph; the member that leads back to a group on the path fails. */
function checkNoCycle(r: Reader, groups: GroupSpec[], path: Path): void {
  const index = new Map(groups.map((g, i) => [g.address, i]))
  const done = new Set<number>()
  const onPath = new Set<number>()
  const visit = (i: number): void => {
    onPath.add(i)
    groups[i]!.members.forEach((m, j) => {
      const k = index.get(m)
      if (k === undefined || done.has(k)) return
      if (onPath.has(k))
        r.fail([...path, i, 'members', j], `a member that does not lead back to ${m} (a cycle)`)
      visit(k)
    })
    onPath.delete(i)
    done.add(i)
  }
  groups.forEach((_, i) => {
    if (!done.has(i)) visit(i)
  })
}
