/**
 * Running a parsed management-shell line (shell.ts) against mock-ews's SkypeDirectory: the changes
 * it makes and the list output of the Get- cmdlets.
 */
import type { SkypeDirectory, Topology } from '../../mock-ews/index.ts'
import { normaliseIdentity } from '../../mock-ews/skype/skype-config.ts'
import { ShellError } from './shell.ts'
import type { ShellCommand } from './shell.ts'

export interface ShellContext {
  directory: SkypeDirectory
  /** The organisation the shell is connected to. */
  domain: string
  topology: Topology
}

/**
 * Runs a parsed command; returns the output of Get- cmdlets (and the `What if:` line of -WhatIf),
 * else undefined. Throws SkypeConfigError for what the directory refuses and ShellError for a
 * Grant whose -Identity is no user of the organisation.
 */
export function runShellCommand(cmd: ShellCommand, ctx: ShellContext): string | undefined {
  const get = (name: string): string | boolean | null | undefined => cmd.params.get(name)?.value
  const given = get('Identity') as string | undefined
  const identity = given ?? 'Global'
  const d = ctx.directory
  if (cmd.cmdlet === 'Set-CsUser') {
    const user = userOf(identity, cmd, ctx)
    const sip = get('SipAddress') as string | undefined
    if (get('WhatIf') === true) {
      return `What if: Performing operation "${cmd.cmdlet}" on Target "${user}"${sip === undefined ? '' : ` with SipAddress "${sip}"`}.`
    }
    if (sip !== undefined) d.setSipAddress(user, sip)
    return undefined
  }
  if (cmd.cmdlet === 'Grant-CsClientPolicy') {
    const user = userOf(identity, cmd, ctx)
    const policy = get('PolicyName') as string | null
    if (get('WhatIf') === true) {
      return `What if: Performing operation "${cmd.cmdlet}" on Target "${user}" with PolicyName "${policy ?? '$null'}".`
    }
    d.grantClientPolicy(user, policy ?? undefined)
    return undefined
  }
  if (get('WhatIf') === true) {
    return `What if: Performing operation "${cmd.cmdlet}" on Target "${identity}".`
  }
  const filter = get('Filter') as string | undefined
  const matching = <T extends { identity: string }>(list: T[]): T[] =>
    filter === undefined ? list : list.filter((x) => wildcard(filter).test(x.identity))
  switch (cmd.cmdlet) {
    case 'Get-CsImConfiguration':
      return format(
        matching(d.getImConfiguration(ctx.domain, given)).map((c) => ({
          Identity: c.identity,
          EnableOfflineIm: c.enableOfflineIm,
        })),
      )
    case 'Set-CsImConfiguration': {
      // With nothing to change, still refused as the shell refuses it (no such scope, no cmdlet).
      const on =
        (get('EnableOfflineIm') as boolean | undefined) ??
        d
          .spec(ctx.domain)
          .imConfigurations.find(
            (c) => c.identity.toLowerCase() === normaliseIdentity(identity).toLowerCase(),
          )?.enableOfflineIm ??
        true
      d.setImConfiguration(ctx.domain, identity, on)
      return undefined
    }
    case 'New-CsImConfiguration':
      d.newImConfiguration(
        ctx.domain,
        identity,
        (get('EnableOfflineIm') as boolean | undefined) ?? true,
      )
      return undefined
    case 'Remove-CsImConfiguration':
      d.removeImConfiguration(ctx.domain, identity)
      return undefined
    case 'Get-CsClientPolicy':
      return format(
        matching(d.getClientPolicy(ctx.domain, given)).map((p) => ({
          Identity: p.identity,
          EnableIMAutoArchiving: p.enableIMAutoArchiving,
        })),
      )
    case 'Remove-CsClientPolicy':
      d.removeClientPolicy(ctx.domain, identity)
      return undefined
    case 'Get-CsUser': {
      const users = given === undefined ? usersOf(ctx) : [userOf(given, cmd, ctx)]
      return format(users.map((address) => userObject(address, ctx)))
    }
    case 'New-CsClientPolicy':
    case 'Set-CsClientPolicy': {
      const settings = cmd.params.has('EnableIMAutoArchiving')
        ? { enableIMAutoArchiving: (get('EnableIMAutoArchiving') as boolean | null) ?? undefined }
        : {}
      if (cmd.cmdlet === 'New-CsClientPolicy') d.newClientPolicy(ctx.domain, identity, settings)
      else d.setClientPolicy(ctx.domain, identity, settings)
      return undefined
    }
  }
  return undefined
}

function usersOf(ctx: ShellContext): string[] {
  return (organisation(ctx)?.users ?? []).map((u) => u.address)
}

const organisation = (ctx: ShellContext) =>
  ctx.topology.organisations.find((o) => o.domain.toLowerCase() === ctx.domain.toLowerCase())

/** Get-CsUser's view of a user: who they are, and the per-user client policy granted now. */
function userObject(
  address: string,
  ctx: ShellContext,
): Record<string, string | boolean | undefined> {
  const u = organisation(ctx)!.users.find((x) => x.address === address)!
  const dc = ctx.domain
    .split('.')
    .map((p) => `DC=${p}`)
    .join(',')
  return {
    Identity: `CN=${u.displayName},${dc}`,
    SipAddress: `sip:${ctx.directory.userAssignments(address).sip}`,
    UserPrincipalName: u.address,
    DisplayName: u.displayName,
    Enabled: true,
    ClientPolicy: ctx.directory.userAssignments(address).clientPolicy,
  }
}

/**
 * -Identity of a user of the connected organisation: SIP address (with or without `sip:`), the
 * UPN/SMTP address, or the display name (reference §3 "Users").
 */
function userOf(identity: string, cmd: ShellCommand, ctx: ShellContext): string {
  const column = cmd.params.get('Identity')?.column ?? 1
  const wanted = identity.trim().toLowerCase()
  const address = wanted.replace(/^sip:/, '')
  const users = (organisation(ctx)?.users ?? []).filter(
    (u) =>
      u.address.toLowerCase() === address ||
      ctx.directory.userAssignments(u.address).sip.toLowerCase() === address ||
      u.displayName.toLowerCase() === wanted,
  )
  if (users.length === 0) {
    throw new ShellError(`Management object not found for identity "${identity}".`, column)
  }
  if (users.length > 1) {
    throw new ShellError(
      `The identity "${identity}" matches more than one user (${users.map((u) => u.address).join(', ')}).`,
      column,
    )
  }
  return users[0]!.address
}

/** A -Filter pattern (`*`, `?`), case-insensitive, on the whole identity. */
function wildcard(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 'i')
}

/** PowerShell's list format: `Name : value`, names padded, objects separated by a blank line. */
function format(objects: Record<string, string | boolean | undefined>[]): string {
  const show = (v: string | boolean | undefined): string =>
    v === undefined ? '' : typeof v === 'boolean' ? (v ? 'True' : 'False') : v
  return objects
    .map((o) => {
      const width = Math.max(...Object.keys(o).map((k) => k.length))
      return Object.entries(o)
        .map(([k, v]) => `${k.padEnd(width)} : ${show(v)}`.trimEnd())
        .join('\n')
    })
    .join('\n\n')
}
