// Management-shell lines as the documentation writes them, applied to mock-ews's SkypeDirectory.
import { expect } from 'chai'
import { parseTopology, SkypeConfigError, SkypeDirectory } from '../../../mock-ews/index.ts'
import type { Topology } from '../../../mock-ews/index.ts'
import { parseShellLine, runShellCommand, ShellError } from '../../../scenarios/runner/shell.ts'

const TOPOLOGY = `organisations:
  - domain: contoso.com
    exchange: exchange-2016
    skype: { server: sfb-server-2015-cu3, sites: [Redmond] }
    users:
      - { address: alice@contoso.com, password: P@ssw0rd, displayName: Alice Wood, site: Redmond }
      - { address: bob@contoso.com, password: P@ssw0rd, displayName: Bob Kelly }
`

function shell(): {
  run(line: string): string | undefined
  directory: SkypeDirectory
  topology: Topology
} {
  const topology = parseTopology(TOPOLOGY)
  const directory = new SkypeDirectory(topology)
  return {
    directory,
    topology,
    run: (line) =>
      runShellCommand(parseShellLine(line), { directory, domain: 'contoso.com', topology }),
  }
}

function shellError(line: string): ShellError {
  try {
    parseShellLine(line)
  } catch (e) {
    if (e instanceof ShellError) return e
    throw e
  }
  throw new Error(`"${line}" parsed`)
}

describe('management shell lines', () => {
  it('parses the lines exactly as the documentation writes them', () => {
    for (const line of [
      'Set-CsImConfiguration -EnableOfflineIM $True',
      'Get-CsImConfiguration',
      'Set-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIm $false',
      'Set-CsClientPolicy -Identity Global -EnableIMAutoArchiving $False',
      'New-CsClientPolicy -Identity OfflineIM',
      'Set-CsClientPolicy -Identity OfflineIM -EnableIMAutoArchiving $False',
      'Grant-CsClientPolicy -Identity "Ken Myer" -PolicyName SalesPolicy',
    ]) {
      expect(() => parseShellLine(line), line).not.to.throw()
    }
    const cmd = parseShellLine(
      "set-csimconfiguration 'Site:Redmond' -ENABLEOFFLINEIM $FALSE -WhatIf",
    )
    expect(cmd.cmdlet).to.equal('Set-CsImConfiguration')
    expect([...cmd.params.entries()].map(([k, v]) => [k, v.value])).to.deep.equal([
      ['Identity', 'Site:Redmond'],
      ['EnableOfflineIm', false],
      ['WhatIf', true],
    ])
  })

  it('Get-CsImConfiguration prints the list format; Set changes Global', () => {
    const s = shell()
    expect(s.run('Get-CsImConfiguration')).to.equal(
      'Identity        : Global\nEnableOfflineIm : True',
    )
    expect(s.run('Set-CsImConfiguration -EnableOfflineIM $False')).to.equal(undefined)
    expect(s.run('Get-CsImConfiguration -Identity Global')).to.equal(
      'Identity        : Global\nEnableOfflineIm : False',
    )
    expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(false)
  })

  it('a Site configuration applies to that site only', () => {
    const s = shell()
    s.run('New-CsImConfiguration -Identity "Site:Redmond"')
    s.run('Set-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIm $false')
    expect(s.directory.effective('alice@contoso.com').enableOfflineIm).to.equal(false)
    expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
    expect(s.run('Get-CsImConfiguration')).to.equal(
      'Identity        : Global\nEnableOfflineIm : True\n\nIdentity        : Site:Redmond\nEnableOfflineIm : False',
    )
    s.run('Remove-CsImConfiguration -Identity Site:Redmond')
    expect(s.directory.effective('alice@contoso.com').enableOfflineIm).to.equal(true)
  })

  it('client policies: New, Set, Grant by sip:, address or display name, and $null to remove', () => {
    const s = shell()
    s.run('New-CsClientPolicy -Identity OfflineIM')
    s.run('Set-CsClientPolicy -Identity OfflineIM -EnableIMAutoArchiving $False')
    expect(s.run('Get-CsClientPolicy -Identity OfflineIM')).to.equal(
      'Identity              : OfflineIM\nEnableIMAutoArchiving : False',
    )
    for (const who of ['sip:alice@contoso.com', 'alice@contoso.com', 'Alice Wood']) {
      s.run(`Grant-CsClientPolicy -Identity "${who}" -PolicyName $null`)
      expect(s.directory.effective('alice@contoso.com').enableIMAutoArchiving).to.equal(undefined)
      s.run(`Grant-CsClientPolicy -Identity "${who}" -PolicyName OfflineIM`)
      expect(s.directory.effective('alice@contoso.com').enableIMAutoArchiving, who).to.equal(false)
    }
    expect(s.directory.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(undefined)
  })

  it('-WhatIf changes nothing and says what it would do', () => {
    const s = shell()
    expect(s.run('Set-CsImConfiguration -EnableOfflineIm $False -WhatIf')).to.equal(
      'What if: Performing operation "Set-CsImConfiguration" on Target "Global".',
    )
    expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
  })

  it('refuses what the organisation refuses, and users that do not exist', () => {
    const s = shell()
    expect(() => s.run('Set-CsClientPolicy -Identity Nope -EnableIMAutoArchiving $False')).to.throw(
      SkypeConfigError,
    )
    expect(() => s.run('Grant-CsClientPolicy -Identity "Ken Myer" -PolicyName Global')).to.throw(
      ShellError,
      /Management object not found for identity "Ken Myer"/,
    )
  })

  const errors: [string, number, RegExp][] = [
    ['Get-CsImConfig', 1, /The term 'Get-CsImConfig' is not recognized/],
    [
      'Grant -CsClientPolicy -Identity "Tony Smith" - PolicyName OfflineIM',
      1,
      /The term 'Grant' is not recognized/,
    ],
    ['Set-CsImConfiguration -EnableOfflineIM $True -Colour red', 46, /parameter name 'Colour'/],
    [
      'Set-CsImConfiguration -EnableOfflineIM',
      23,
      /Missing an argument for parameter 'EnableOfflineIm'/,
    ],
    [
      'Set-CsImConfiguration -EnableOfflineIM yes',
      40,
      /Cannot convert value "yes" to type "System.Boolean"/,
    ],
    ['Set-CsImConfiguration -Identity "Site:Redmond', 33, /missing the terminator/],
    ['New-CsClientPolicy -EnableIMAutoArchiving $False', 49, /New-CsClientPolicy needs -Identity/],
    [
      'Set-CsImConfiguration Global Extra',
      30,
      /positional parameter cannot be found that accepts argument 'Extra'/,
    ],
  ]
  for (const [line, column, message] of errors) {
    it(`refuses "${line}" at column ${column}`, () => {
      const e = shellError(line)
      expect(e.message).to.match(message)
      expect(e.column).to.equal(column)
    })
  }
})
