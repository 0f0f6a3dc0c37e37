/**
 * The management-shell lines a scenario may run, accepted as Microsoft's pages write them
 * (reference/sfb-offline-im.md §1, §3): Get-/Set-/New-/Remove-CsImConfiguration,
 * Get-/New-/Set-CsClientPolicy and Grant-CsClientPolicy, applied to mock-ews's SkypeDirectory.
 *
 * PowerShell-like: the cmdlet, then `-Name value` pairs (names case-insensitive; a first bare
 * argument is -Identity), values `$True`/`$False`/`$null`, quoted strings or bare words; -Confirm,
 * -Force and -WhatIf are accepted. An unknown cmdlet or parameter, a missing or badly typed value
 * is a ShellError with the column, so a scenario fails at its line and column.
 */
import type { SkypeDirectory, Topology } from '../../mock-ews/index.ts'

export class ShellError extends Error {
  /** @param column 1-based, within the line */
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message)
    this.name = 'ShellError'
  }
}

type Kind = 'boolean' | 'string' | 'switch' | 'string-or-null'

/** Each cmdlet's parameters (canonical names) and their kinds. */
const COMMON: Record<string, Kind> = { Confirm: 'switch', Force: 'switch', WhatIf: 'switch' }
const CMDLETS: Record<string, { params: Record<string, Kind>; required?: string[] }> = {
  'Get-CsImConfiguration': { params: { Identity: 'string' } },
  'Set-CsImConfiguration': {
    params: { Identity: 'string', EnableOfflineIm: 'boolean', ...COMMON },
  },
  'New-CsImConfiguration': {
    params: { Identity: 'string', EnableOfflineIm: 'boolean', ...COMMON },
    required: ['Identity'],
  },
  'Remove-CsImConfiguration': { params: { Identity: 'string', ...COMMON }, required: ['Identity'] },
  'Get-CsClientPolicy': { params: { Identity: 'string' } },
  'New-CsClientPolicy': {
    params: { Identity: 'string', EnableIMAutoArchiving: 'boolean', ...COMMON },
    required: ['Identity'],
  },
  'Set-CsClientPolicy': {
    params: { Identity: 'string', EnableIMAutoArchiving: 'boolean', ...COMMON },
  },
  'Grant-CsClientPolicy': {
    params: { Identity: 'string', PolicyName: 'string-or-null', PassThru: 'switch', ...COMMON },
    required: ['Identity', 'PolicyName'],
  },
}

export interface ShellCommand {
  /** Canonical casing, e.g. `Set-CsImConfiguration`. */
  cmdlet: string
  /** By canonical parameter name; `null` is `$null`, `true` also stands for a switch. */
  params: Map<string, { value: string | boolean | null; column: number }>
}

interface Token {
  text: string
  /** Unquoted value, for quoted tokens. */
  value: string
  quoted: boolean
  column: number
}

function tokenise(line: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < line.length) {
    if (/\s/.test(line[i]!)) {
      i++
      continue
    }
    const start = i
    const quote = line[i] === '"' || line[i] === "'" ? line[i]! : undefined
    if (quote) {
      const end = line.indexOf(quote, i + 1)
      if (end < 0) throw new ShellError('The string is missing the terminator: ' + quote, start + 1)
      tokens.push({
        text: line.slice(start, end + 1),
        value: line.slice(start + 1, end),
        quoted: true,
        column: start + 1,
      })
      i = end + 1
      continue
    }
    while (i < line.length && !/\s/.test(line[i]!)) i++
    const text = line.slice(start, i)
    tokens.push({ text, value: text, quoted: false, column: start + 1 })
  }
  return tokens
}

/** Parses and checks one line; throws ShellError with the column of the offending token. */
export function parseShellLine(line: string): ShellCommand {
  const tokens = tokenise(line)
  const first = tokens[0]
  if (!first) throw new ShellError('An empty line is not a command.', 1)
  const cmdlet = Object.keys(CMDLETS).find((c) => c.toLowerCase() === first.value.toLowerCase())
  if (!cmdlet) {
    throw new ShellError(
      `The term '${first.value}' is not recognized as the name of a cmdlet (known: ${Object.keys(CMDLETS).join(', ')}).`,
      first.column,
    )
  }
  const spec = CMDLETS[cmdlet]!
  const params: ShellCommand['params'] = new Map()
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    let name: string
    if (!t.quoted && t.text.startsWith('-') && t.text.length > 1) {
      const given = t.text.slice(1).replace(/:$/, '')
      const found = Object.keys(spec.params).find((p) => p.toLowerCase() === given.toLowerCase())
      if (!found) {
        throw new ShellError(
          `A parameter cannot be found that matches parameter name '${given}'.`,
          t.column,
        )
      }
      name = found
    } else if (i === 1 && 'Identity' in spec.params) {
      params.set('Identity', { value: t.value, column: t.column })
      continue
    } else {
      throw new ShellError(
        `A positional parameter cannot be found that accepts argument '${t.value}'.`,
        t.column,
      )
    }
    if (params.has(name)) throw new ShellError(`Cannot bind parameter '${name}' twice.`, t.column)
    const kind = spec.params[name]!
    if (kind === 'switch') {
      params.set(name, { value: true, column: t.column })
      continue
    }
    const v = tokens[i + 1]
    if (!v || (!v.quoted && v.text.startsWith('-'))) {
      throw new ShellError(`Missing an argument for parameter '${name}'.`, t.column)
    }
    i++
    params.set(name, { value: readValue(name, kind, v), column: v.column })
  }
  for (const r of spec.required ?? []) {
    if (!params.has(r)) throw new ShellError(`${cmdlet} needs -${r}.`, line.length + 1)
  }
  return { cmdlet, params }
}

function readValue(name: string, kind: Kind, v: Token): string | boolean | null {
  const word = v.quoted ? undefined : v.text.toLowerCase()
  if (kind === 'boolean') {
    if (word === '$true') return true
    if (word === '$false') return false
    throw new ShellError(
      `Cannot convert value "${v.value}" to type "System.Boolean" for -${name}: use $True or $False.`,
      v.column,
    )
  }
  if (word === '$null') {
    if (kind === 'string-or-null') return null
    throw new ShellError(`-${name} cannot be $null.`, v.column)
  }
  if (word?.startsWith('$')) throw new ShellError(`The variable '${v.text}' is not set.`, v.column)
  return v.value
}

export interface ShellContext {
  directory: SkypeDirectory
  /** The organisation the shell is connected to. */
  domain: string
  topology: Topology
}

/** Runs a parsed command; returns the output of Get- cmdlets (and of -WhatIf), else undefined. */
export function runShellCommand(cmd: ShellCommand, ctx: ShellContext): string | undefined {
  const get = (name: string): string | boolean | null | undefined => cmd.params.get(name)?.value
  const identity = (get('Identity') as string | undefined) ?? 'Global'
  if (get('WhatIf') === true) {
    return `What if: Performing operation "${cmd.cmdlet}" on Target "${identity}".`
  }
  const d = ctx.directory
  const flag = (name: string): boolean | undefined => get(name) as boolean | undefined
  switch (cmd.cmdlet) {
    case 'Get-CsImConfiguration':
      return format(
        d.getImConfiguration(ctx.domain, get('Identity') as string | undefined).map((c) => ({
          Identity: c.identity,
          EnableOfflineIm: c.enableOfflineIm,
        })),
      )
    case 'Set-CsImConfiguration': {
      const on = flag('EnableOfflineIm')
      if (on !== undefined) d.setImConfiguration(ctx.domain, identity, on)
      return undefined
    }
    case 'New-CsImConfiguration':
      d.newImConfiguration(ctx.domain, identity, flag('EnableOfflineIm') ?? true)
      return undefined
    case 'Remove-CsImConfiguration':
      d.removeImConfiguration(ctx.domain, identity)
      return undefined
    case 'Get-CsClientPolicy':
      return format(
        d.getClientPolicy(ctx.domain, get('Identity') as string | undefined).map((p) => ({
          Identity: p.identity,
          EnableIMAutoArchiving: p.enableIMAutoArchiving,
        })),
      )
    case 'New-CsClientPolicy':
    case 'Set-CsClientPolicy': {
      const archiving = flag('EnableIMAutoArchiving')
      const settings = archiving === undefined ? {} : { enableIMAutoArchiving: archiving }
      if (cmd.cmdlet === 'New-CsClientPolicy') d.newClientPolicy(ctx.domain, identity, settings)
      else d.setClientPolicy(ctx.domain, identity, settings)
      return undefined
    }
    case 'Grant-CsClientPolicy': {
      const policy = get('PolicyName') as string | null
      d.grantClientPolicy(userOf(identity, cmd, ctx), policy ?? undefined)
      return undefined
    }
  }
  return undefined
}

/** -Identity of a user: `sip:` address, SMTP/UPN address or display name (reference §3 "Users"). */
function userOf(identity: string, cmd: ShellCommand, ctx: ShellContext): string {
  const wanted = identity.replace(/^sip:/i, '').toLowerCase()
  for (const org of ctx.topology.organisations) {
    for (const u of org.users) {
      if (
        u.address === wanted ||
        u.sip.replace(/^sip:/i, '').toLowerCase() === wanted ||
        u.displayName.toLowerCase() === identity.toLowerCase()
      ) {
        return u.address
      }
    }
  }
  throw new ShellError(
    `Management object not found for identity "${identity}".`,
    cmd.params.get('Identity')?.column ?? 1,
  )
}

/** PowerShell's list format: `Name : value`, names padded, objects separated by a blank line. */
function format(objects: Record<string, string | boolean | undefined>[]): string {
  return objects
    .map((o) => {
      const width = Math.max(...Object.keys(o).map((k) => k.length))
      return Object.entries(o)
        .map(([k, v]) =>
          `${k.padEnd(width)} : ${v === undefined ? '' : typeof v === 'boolean' ? (v ? 'True' : 'False') : v}`.trimEnd(),
        )
        .join('\n')
    })
    .join('\n\n')
}
