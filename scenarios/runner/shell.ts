/**
 * The management-shell lines a scenario may run, accepted as Microsoft's pages write them
 * (reference/sfb-offline-im.md §1, §3): Get-/Set-/New-/Remove-CsImConfiguration,
 * Get-/New-/Set-/Remove-CsClientPolicy, Grant-CsClientPolicy and Get-/Set-CsUser; parsed here, applied
 * to mock-ews's SkypeDirectory by shell-commands.ts.
 *
 * PowerShell-like: the cmdlet, then `-Name value` (or `-Name:value`) pairs, names
 * case-insensitive; bare arguments bind by position (-Identity, and -PolicyName second for
 * Grant-CsClientPolicy); values `$True`/`$False`/`$null`, 'single' or "double" quoted strings
 * (a doubled quote inside stands for one) or bare words; `#` starts a comment. -Confirm, -Force and
 * -WhatIf are accepted, and the Get- cmdlets take -Filter (`*`, `?` wildcards). An unknown cmdlet or parameter, a missing or badly typed value is a
 * ShellError with the column, so a scenario fails at its line and column.
 */

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

/** `boolean?`: a Boolean that `$null` clears (client policy settings have no default). */
type Kind = 'boolean' | 'boolean?' | 'string' | 'string?' | 'switch'

interface CmdletSpec {
  params: Record<string, Kind>
  /** Parameters bound by position, in order. */
  positional: string[]
  required: string[]
}

const COMMON: Record<string, Kind> = { Confirm: 'switch', Force: 'switch', WhatIf: 'switch' }

/** Each cmdlet's parameters (canonical names) and their kinds; reference §3. */
const CMDLETS: Record<string, CmdletSpec> = {
  'Get-CsImConfiguration': {
    params: { Identity: 'string', Filter: 'string' },
    positional: ['Identity'],
    required: [],
  },
  'Set-CsImConfiguration': {
    params: { Identity: 'string', EnableOfflineIm: 'boolean', ...COMMON },
    positional: ['Identity'],
    required: [],
  },
  'New-CsImConfiguration': {
    params: { Identity: 'string', EnableOfflineIm: 'boolean', ...COMMON },
    positional: ['Identity'],
    required: ['Identity'],
  },
  'Remove-CsImConfiguration': {
    params: { Identity: 'string', ...COMMON },
    positional: ['Identity'],
    required: ['Identity'],
  },
  'Get-CsClientPolicy': {
    params: { Identity: 'string', Filter: 'string' },
    positional: ['Identity'],
    required: [],
  },
  'New-CsClientPolicy': {
    params: { Identity: 'string', EnableIMAutoArchiving: 'boolean?', ...COMMON },
    positional: ['Identity'],
    required: ['Identity'],
  },
  'Set-CsClientPolicy': {
    params: { Identity: 'string', EnableIMAutoArchiving: 'boolean?', ...COMMON },
    positional: ['Identity'],
    required: [],
  },
  'Remove-CsClientPolicy': {
    params: { Identity: 'string', ...COMMON },
    positional: ['Identity'],
    required: ['Identity'],
  },
  'Get-CsUser': {
    params: { Identity: 'string' },
    positional: ['Identity'],
    required: [],
  },
  'Set-CsUser': {
    params: { Identity: 'string', SipAddress: 'string', ...COMMON },
    positional: ['Identity'],
    required: ['Identity'],
  },
  'Grant-CsClientPolicy': {
    params: { Identity: 'string', PolicyName: 'string?', PassThru: 'switch', ...COMMON },
    positional: ['Identity', 'PolicyName'],
    required: ['Identity', 'PolicyName'],
  },
}

const SHELL_CMDLETS: readonly string[] = Object.keys(CMDLETS)

export interface ShellCommand {
  /** Canonical casing, e.g. `Set-CsImConfiguration`. */
  cmdlet: string
  /**
   * By canonical parameter name (e.g. `EnableOfflineIm`). A switch given is `true` (or the
   * Boolean of `-Switch:$False`); `null` is `$null`. `column` is where the value (for a switch,
   * the parameter) starts.
   */
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
    const c = line[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === '#') break
    const start = i
    if (c === '"' || c === "'") {
      let value = ''
      i++
      for (;;) {
        if (i >= line.length) {
          throw new ShellError(`The string is missing the terminator: ${c}.`, start + 1)
        }
        if (line[i] === c) {
          if (line[i + 1] === c) {
            value += c
            i += 2
            continue
          }
          i++
          break
        }
        value += line[i]
        i++
      }
      tokens.push({ text: line.slice(start, i), value, quoted: true, column: start + 1 })
      continue
    }
    if (c === '-') {
      // A parameter name ends at whitespace or at the `:` of `-Name:value`.
      i++
      while (i < line.length && !/[\s:]/.test(line[i]!)) i++
      if (line[i] === ':') i++
    } else {
      while (i < line.length && !/\s/.test(line[i]!)) i++
    }
    const text = line.slice(start, i)
    tokens.push({ text, value: text, quoted: false, column: start + 1 })
  }
  return tokens
}

const isParameter = (t: Token): boolean => !t.quoted && t.text.length > 1 && t.text.startsWith('-')

/** Parses and checks one line; throws ShellError with the column of the offending token. */
export function parseShellLine(line: string): ShellCommand {
  const tokens = tokenise(line)
  const first = tokens[0]
  if (!first) throw new ShellError('An empty line is not a command.', 1)
  const cmdlet = SHELL_CMDLETS.find((c) => c.toLowerCase() === first.value.toLowerCase())
  if (!cmdlet) {
    throw new ShellError(
      `The term '${first.value}' is not recognized as the name of a cmdlet, function, script file, or operable program (known here: ${SHELL_CMDLETS.join(', ')}).`,
      first.column,
    )
  }
  const spec = CMDLETS[cmdlet]!
  const params: ShellCommand['params'] = new Map()
  const positional: Token[] = []
  /** Where each parameter was named or, bound by position, its value. */
  const at = new Map<string, number>()
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!isParameter(t)) {
      positional.push(t)
      continue
    }
    const attached = t.text.endsWith(':')
    const given = t.text.slice(1, attached ? -1 : undefined)
    const name = Object.keys(spec.params).find((p) => p.toLowerCase() === given.toLowerCase())
    if (!name) {
      throw new ShellError(
        `A parameter cannot be found that matches parameter name '${given}'.`,
        t.column,
      )
    }
    if (params.has(name)) {
      throw new ShellError(
        `Cannot bind parameter because parameter '${name}' is specified more than once.`,
        t.column,
      )
    }
    at.set(name, t.column)
    const kind = spec.params[name]!
    if (kind === 'switch' && !attached) {
      params.set(name, { value: true, column: t.column })
      continue
    }
    const v = tokens[i + 1]
    if (!v || (!attached && isParameter(v))) {
      throw new ShellError(
        `Missing an argument for parameter '${name}'. Specify a parameter of type '${typeName(kind)}' and try again.`,
        t.column,
      )
    }
    i++
    params.set(name, {
      value: readValue(name, kind === 'switch' ? 'boolean' : kind, v),
      column: kind === 'switch' ? t.column : v.column,
    })
  }
  const free = spec.positional.filter((p) => !params.has(p))
  for (const [n, t] of positional.entries()) {
    const name = free[n]
    if (!name) {
      throw new ShellError(
        `A positional parameter cannot be found that accepts argument '${t.value}'.`,
        t.column,
      )
    }
    params.set(name, { value: readValue(name, spec.params[name]!, t), column: t.column })
    at.set(name, t.column)
  }
  if (params.has('Filter') && params.has('Identity')) {
    throw new ShellError(
      'Parameter set cannot be resolved using the specified named parameters: -Filter and -Identity are mutually exclusive.',
      Math.max(at.get('Filter')!, at.get('Identity')!),
    )
  }
  for (const r of spec.required) {
    if (!params.has(r)) {
      throw new ShellError(
        `${cmdlet} needs -${r} (the shell would prompt for it).`,
        line.trimEnd().length + 1,
      )
    }
  }
  return { cmdlet, params }
}

function typeName(kind: Kind): string {
  return kind === 'boolean' || kind === 'boolean?' || kind === 'switch'
    ? 'System.Boolean'
    : 'String'
}

function readValue(name: string, kind: Kind, v: Token): string | boolean | null {
  const word = v.quoted ? undefined : v.text.toLowerCase()
  if (word === '$null') {
    if (kind === 'boolean?' || kind === 'string?') return null
    throw new ShellError(
      `Cannot bind argument to parameter '${name}' because it is null.`,
      v.column,
    )
  }
  if (kind === 'boolean' || kind === 'boolean?') {
    if (word === '$true') return true
    if (word === '$false') return false
    throw new ShellError(
      `Cannot convert value "${v.value}" to type "System.Boolean" for parameter '${name}'. Boolean parameters accept only $True or $False.`,
      v.column,
    )
  }
  if (word?.startsWith('$')) {
    throw new ShellError(
      `The variable '${v.text}' cannot be retrieved because it has not been set (use a quoted string for -${name}).`,
      v.column,
    )
  }
  return v.value
}

export { runShellCommand } from './shell-commands.ts'
export type { ShellContext } from './shell-commands.ts'
