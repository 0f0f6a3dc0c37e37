// Management-shell lines as the documentation writes them (reference/sfb-offline-im.md §1, §3),
// applied to mock-ews's SkypeDirectory built from the demo topology.
import { expect } from 'chai'
import { demoTopology, SkypeConfigError, SkypeDirectory } from '../../../mock-ews/index.ts'
import type { Topology } from '../../../mock-ews/index.ts'
import { parseShellLine, runShellCommand, ShellError } from '../../../scenarios/runner/shell.ts'
import type { ShellCommand } from '../../../scenarios/runner/shell.ts'

/** The demo topology with a Redmond site in contoso.com (alice there, bob not) and bob's SIP address differing from his UPN. */
function topology(): Topology {
  const t = structuredClone(demoTopology())
  const contoso = t.organisations.find((o) => o.domain === 'contoso.com')!
  contoso.skype.sites = ['Redmond']
  contoso.users.find((u) => u.address === 'alice@contoso.com')!.site = 'Redmond'
  contoso.users.find((u) => u.address === 'bob@contoso.com')!.sip = 'robert.kelly@contoso.com'
  return t
}

interface Shell {
  run(line: string): string | undefined
  directory: SkypeDirectory
}

function shell(domain = 'contoso.com'): Shell {
  const t = topology()
  const directory = new SkypeDirectory(t)
  return {
    directory,
    run: (line) => runShellCommand(parseShellLine(line), { directory, domain, topology: t }),
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

const values = (cmd: ShellCommand): Record<string, unknown> =>
  Object.fromEntries([...cmd.params.entries()].map(([k, v]) => [k, v.value]))

describe('management shell lines', () => {
  describe('parsing', () => {
    it('accepts the lines exactly as the documentation writes them', () => {
      for (const line of [
        // §1, the how-to
        'Set-CsImConfiguration -EnableOfflineIM $True',
        'Get-CsImConfiguration',
        // §3, the cmdlet references
        'Set-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIm $false',
        'Get-CsImConfiguration -Filter "site:*"',
        'New-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIm $true',
        'Remove-CsImConfiguration -Identity "Site:Redmond"',
        'Set-CsClientPolicy -Identity global -EnableIMAutoArchiving $False',
        'Set-CsClientPolicy -Identity site:Redmond -EnableIMAutoArchiving $False',
        'Set-CsClientPolicy -Identity SalesClientPolicy -EnableIMAutoArchiving $False',
        'Grant-CsClientPolicy -Identity "Ken Myer" -PolicyName SalesPolicy',
        // §3, the Online page (its Grant line with the stray spaces removed)
        'Set-CsClientPolicy -Identity Global -EnableIMAutoArchiving $False',
        'New-CsClientPolicy -Identity OfflineIM',
        'Set-CsClientPolicy -Identity OfflineIM -EnableIMAutoArchiving $False',
        'Grant-CsClientPolicy -Identity "Tony Smith" -PolicyName OfflineIM',
      ]) {
        expect(() => parseShellLine(line), line).not.to.throw()
      }
    })

    it('gives canonical names, typed values and the column of each value', () => {
      const cmd = parseShellLine(
        'Set-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIM $True',
      )
      expect(cmd.cmdlet).to.equal('Set-CsImConfiguration')
      expect(values(cmd)).to.deep.equal({ Identity: 'Site:Redmond', EnableOfflineIm: true })
      expect(cmd.params.get('Identity')!.column).to.equal(33)
      expect(cmd.params.get('EnableOfflineIm')!.column).to.equal(65)
    })

    it('is case-insensitive for cmdlets, parameters and $True/$False', () => {
      const cmd = parseShellLine('set-csimconfiguration -IDENTITY global -enableofflineim $FALSE')
      expect(cmd.cmdlet).to.equal('Set-CsImConfiguration')
      expect(values(cmd)).to.deep.equal({ Identity: 'global', EnableOfflineIm: false })
    })

    it('binds a bare first argument to -Identity, and a second to -PolicyName for Grant', () => {
      expect(
        values(parseShellLine("Set-CsImConfiguration 'Site:Redmond' -EnableOfflineIm $false")),
      ).to.deep.equal({ EnableOfflineIm: false, Identity: 'Site:Redmond' })
      expect(
        values(parseShellLine('Set-CsImConfiguration -EnableOfflineIm $false Global')),
      ).to.deep.equal({ EnableOfflineIm: false, Identity: 'Global' })
      expect(values(parseShellLine('Grant-CsClientPolicy "Ken Myer" SalesPolicy'))).to.deep.equal({
        Identity: 'Ken Myer',
        PolicyName: 'SalesPolicy',
      })
    })

    it('takes switches, -Name:value, $null, doubled quotes and comments', () => {
      expect(
        values(
          parseShellLine(
            'Remove-CsImConfiguration -Identity:"Site:Redmond" -Confirm:$false -Force',
          ),
        ),
      ).to.deep.equal({ Identity: 'Site:Redmond', Confirm: false, Force: true })
      expect(
        values(parseShellLine('Set-CsImConfiguration -EnableOfflineIm: $false -WhatIf')),
      ).to.deep.equal({ EnableOfflineIm: false, WhatIf: true })
      expect(
        values(parseShellLine('Grant-CsClientPolicy -Identity "Dan O\'Brien" -PolicyName $NULL')),
      ).to.deep.equal({ Identity: "Dan O'Brien", PolicyName: null })
      expect(
        values(parseShellLine("Grant-CsClientPolicy 'Dan O''Brien' -PolicyName 'Sales Policy'")),
      ).to.deep.equal({ Identity: "Dan O'Brien", PolicyName: 'Sales Policy' })
      expect(
        values(parseShellLine('Set-CsClientPolicy -EnableIMAutoArchiving $null # clear it')),
      ).to.deep.equal({ EnableIMAutoArchiving: null })
    })

    const errors: [string, number, RegExp][] = [
      ['Get-CsImConfig', 1, /^The term 'Get-CsImConfig' is not recognized as the name of a cmdlet/],
      // The Online page's stray-space form is not PowerShell: `Grant` is the command.
      [
        'Grant -CsClientPolicy -Identity "Tony Smith" - PolicyName OfflineIM',
        1,
        /^The term 'Grant' is not recognized/,
      ],
      // `-` alone is an argument (bound to -PolicyName by position), so `PolicyName` is one too many.
      [
        'Grant-CsClientPolicy -Identity "Tony Smith" - PolicyName OfflineIM',
        47,
        /^A positional parameter cannot be found that accepts argument 'PolicyName'\.$/,
      ],
      [
        'Set-CsImConfiguration -EnableOfflineIM $True -Colour red',
        46,
        /^A parameter cannot be found that matches parameter name 'Colour'\.$/,
      ],
      [
        'Set-CsImConfiguration -EnableIMAutoArchiving $False',
        23,
        /^A parameter cannot be found that matches parameter name 'EnableIMAutoArchiving'\.$/,
      ],
      [
        'Get-CsImConfiguration -WhatIf',
        23,
        /^A parameter cannot be found that matches parameter name 'WhatIf'\.$/,
      ],
      [
        'Set-CsImConfiguration -EnableOfflineIM',
        23,
        /^Missing an argument for parameter 'EnableOfflineIm'\. Specify a parameter of type 'System\.Boolean'/,
      ],
      [
        'Set-CsImConfiguration -Identity -EnableOfflineIM $True',
        23,
        /^Missing an argument for parameter 'Identity'/,
      ],
      [
        'Remove-CsImConfiguration -Identity "Site:Redmond" -Confirm:',
        51,
        /^Missing an argument for parameter 'Confirm'/,
      ],
      [
        'Set-CsImConfiguration -EnableOfflineIM yes',
        40,
        /^Cannot convert value "yes" to type "System\.Boolean" for parameter 'EnableOfflineIm'/,
      ],
      [
        'Set-CsImConfiguration -EnableOfflineIM "$True"',
        40,
        /^Cannot convert value "\$True" to type "System\.Boolean"/,
      ],
      [
        'Set-CsImConfiguration -EnableOfflineIM $null',
        40,
        /^Cannot bind argument to parameter 'EnableOfflineIm' because it is null\.$/,
      ],
      ['Set-CsImConfiguration -Identity $site', 33, /^The variable '\$site' cannot be retrieved/],
      [
        'Set-CsImConfiguration -Identity "Site:Redmond',
        33,
        /^The string is missing the terminator: "\.$/,
      ],
      ["Grant-CsClientPolicy -Identity 'Ken Myer -PolicyName X", 32, /missing the terminator: '/],
      [
        'New-CsClientPolicy -EnableIMAutoArchiving $False  ',
        49,
        /^New-CsClientPolicy needs -Identity/,
      ],
      ['Grant-CsClientPolicy -Identity "Ken Myer"', 42, /^Grant-CsClientPolicy needs -PolicyName/],
      [
        'Set-CsImConfiguration Global Extra',
        30,
        /^A positional parameter cannot be found that accepts argument 'Extra'\.$/,
      ],
      [
        'Set-CsImConfiguration -Identity Global Global',
        40,
        /^A positional parameter cannot be found that accepts argument 'Global'\.$/,
      ],
      [
        'Set-CsImConfiguration -EnableOfflineIm $true -enableofflineim $false',
        46,
        /parameter 'EnableOfflineIm' is specified more than once/,
      ],
      [
        'Get-CsImConfiguration -Filter "site:*" -Identity Global',
        40,
        /-Filter and -Identity are mutually exclusive/,
      ],
      ['   ', 1, /^An empty line is not a command\.$/],
    ]
    for (const [line, column, message] of errors) {
      it(`refuses "${line}" at column ${column}`, () => {
        const e = shellError(line)
        expect(e.message).to.match(message)
        expect(e.column).to.equal(column)
      })
    }
  })

  describe('CsImConfiguration', () => {
    it('Get prints the list format; Set without -Identity changes Global', () => {
      const s = shell()
      expect(s.run('Get-CsImConfiguration')).to.equal(
        'Identity        : Global\nEnableOfflineIm : True',
      )
      expect(s.run('Set-CsImConfiguration -EnableOfflineIM $False')).to.equal(undefined)
      expect(s.run('Get-CsImConfiguration -Identity Global')).to.equal(
        'Identity        : Global\nEnableOfflineIm : False',
      )
      expect(s.directory.effective('alice@contoso.com').enableOfflineIm).to.equal(false)
      expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(false)
      s.run('Set-CsImConfiguration -EnableOfflineIM $True')
      expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
    })

    it('a Site configuration applies to that site only; Remove falls back to Global', () => {
      const s = shell()
      expect(s.run('New-CsImConfiguration -Identity "Site:Redmond"')).to.equal(undefined)
      s.run('Set-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIm $false')
      expect(s.directory.effective('alice@contoso.com')).to.include({
        enableOfflineIm: false,
        imConfigurationIdentity: 'Site:Redmond',
      })
      expect(s.directory.effective('bob@contoso.com')).to.include({
        enableOfflineIm: true,
        imConfigurationIdentity: 'Global',
      })
      expect(s.run('Get-CsImConfiguration')).to.equal(
        'Identity        : Global\nEnableOfflineIm : True\n\nIdentity        : Site:Redmond\nEnableOfflineIm : False',
      )
      expect(s.run('Get-CsImConfiguration -Filter "site:*"')).to.equal(
        'Identity        : Site:Redmond\nEnableOfflineIm : False',
      )
      expect(s.run('Get-CsImConfiguration site:redmond')).to.equal(
        'Identity        : Site:Redmond\nEnableOfflineIm : False',
      )
      s.run('Remove-CsImConfiguration -Identity Site:Redmond -Confirm:$false')
      expect(s.directory.effective('alice@contoso.com').enableOfflineIm).to.equal(true)
      expect(s.run('Get-CsImConfiguration -Filter "site:*"')).to.equal('')
    })

    it('New takes -EnableOfflineIm; Remove on Global resets it to $True', () => {
      const s = shell()
      s.run('New-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIm $false')
      expect(s.directory.effective('alice@contoso.com').enableOfflineIm).to.equal(false)
      s.run('Set-CsImConfiguration -EnableOfflineIm $false')
      s.run('Remove-CsImConfiguration -Identity Global -Force')
      expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
    })

    it('refuses what the directory refuses, even with nothing to change', () => {
      const s = shell()
      for (const [line, message] of [
        [
          'Set-CsImConfiguration -Identity "Site:Redmond" -EnableOfflineIm $false',
          /does not exist/,
        ],
        ['Set-CsImConfiguration -Identity "Site:Redmond"', /does not exist/],
        ['Set-CsImConfiguration -Identity "Site:Paris"', /not Global or a site/],
        ['New-CsImConfiguration -Identity Global', /already exists/],
        ['Get-CsImConfiguration -Identity "Site:Redmond"', /does not exist/],
      ] as const) {
        expect(() => s.run(line), line).to.throw(SkypeConfigError, message)
      }
    })

    it('Skype for Business Online has no CsImConfiguration', () => {
      const s = shell('fabrikam.com')
      for (const line of [
        'Get-CsImConfiguration',
        'Set-CsImConfiguration -EnableOfflineIM $True',
        'Set-CsImConfiguration',
      ]) {
        expect(() => s.run(line), line).to.throw(SkypeConfigError, /is not recognized/)
      }
    })
  })

  describe('CsClientPolicy', () => {
    it('Get prints an unset setting as empty; Set -Identity Global applies to everyone', () => {
      const s = shell()
      expect(s.run('Get-CsClientPolicy')).to.equal(
        'Identity              : Global\nEnableIMAutoArchiving :',
      )
      s.run('Set-CsClientPolicy -Identity Global -EnableIMAutoArchiving $False')
      expect(s.run('Get-CsClientPolicy -Identity global')).to.equal(
        'Identity              : Global\nEnableIMAutoArchiving : False',
      )
      expect(s.directory.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(false)
      s.run('Set-CsClientPolicy -EnableIMAutoArchiving $null')
      expect(s.directory.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(undefined)
    })

    it('a Site policy applies to the users of that site', () => {
      const s = shell()
      s.run('New-CsClientPolicy -Identity site:Redmond -EnableIMAutoArchiving $False')
      expect(s.directory.effective('alice@contoso.com')).to.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'Site:Redmond',
      })
      expect(s.directory.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(undefined)
    })

    it('the Online page: New, Set, then Grant to one user by display name', () => {
      const s = shell('fabrikam.com')
      s.run('New-CsClientPolicy -Identity OfflineIM')
      expect(s.run('Get-CsClientPolicy -Identity OfflineIM')).to.equal(
        'Identity              : OfflineIM\nEnableIMAutoArchiving :',
      )
      s.run('Set-CsClientPolicy -Identity OfflineIM -EnableIMAutoArchiving $False')
      expect(s.directory.effective('carol@fabrikam.com').enableIMAutoArchiving).to.equal(undefined)
      s.run('Grant-CsClientPolicy -Identity "Carol Ruiz" -PolicyName OfflineIM')
      expect(s.directory.effective('carol@fabrikam.com')).to.include({
        enableIMAutoArchiving: false,
        clientPolicyIdentity: 'OfflineIM',
      })
      expect(s.run('Get-CsClientPolicy')).to.equal(
        'Identity              : Global\nEnableIMAutoArchiving :\n\nIdentity              : OfflineIM\nEnableIMAutoArchiving : False',
      )
    })

    it('Grant finds the user by SIP address (with or without sip:), UPN or display name; $null removes', () => {
      const s = shell()
      s.run('New-CsClientPolicy -Identity NoArchiving -EnableIMAutoArchiving $False')
      for (const who of [
        'sip:robert.kelly@contoso.com',
        'robert.kelly@contoso.com',
        'SIP:Robert.Kelly@contoso.com',
        'bob@contoso.com',
        'Bob Kelly',
        'bob kelly',
      ]) {
        s.run(`Grant-CsClientPolicy -Identity "${who}" -PolicyName $null`)
        expect(s.directory.userAssignments('bob@contoso.com').clientPolicy, who).to.equal(undefined)
        expect(s.directory.effective('bob@contoso.com').enableIMAutoArchiving, who).to.equal(
          undefined,
        )
        s.run(`Grant-CsClientPolicy -Identity "${who}" -PolicyName NoArchiving`)
        expect(s.directory.userAssignments('bob@contoso.com').clientPolicy, who).to.equal(
          'NoArchiving',
        )
        expect(s.directory.effective('bob@contoso.com').enableIMAutoArchiving, who).to.equal(false)
      }
      expect(s.directory.effective('alice@contoso.com').enableIMAutoArchiving).to.equal(undefined)
    })

    it('Grant refuses a user it cannot find (at the -Identity value) and a policy that is not per-user', () => {
      const s = shell()
      const refused = (line: string): ShellError => {
        try {
          s.run(line)
        } catch (e) {
          if (e instanceof ShellError) return e
          throw e
        }
        throw new Error(`"${line}" ran`)
      }
      const e = refused('Grant-CsClientPolicy -Identity "Ken Myer" -PolicyName OfflineIM')
      expect(e.message).to.equal('Management object not found for identity "Ken Myer".')
      expect(e.column).to.equal(32)
      // A user of another organisation is not in this shell's reach.
      expect(
        refused('Grant-CsClientPolicy -Identity "Carol Ruiz" -PolicyName OfflineIM').message,
      ).to.match(/not found for identity "Carol Ruiz"/)
      expect(() =>
        s.run('Grant-CsClientPolicy -Identity "Alice Wood" -PolicyName OfflineIM'),
      ).to.throw(SkypeConfigError, /no per-user policy of that name exists/)
      expect(() =>
        s.run('Grant-CsClientPolicy -Identity "Alice Wood" -PolicyName Global'),
      ).to.throw(SkypeConfigError)
      expect(() =>
        s.run('Set-CsClientPolicy -Identity Nope -EnableIMAutoArchiving $False'),
      ).to.throw(SkypeConfigError, /does not exist/)
      s.run('New-CsClientPolicy -Identity OfflineIM')
      expect(() => s.run('New-CsClientPolicy -Identity offlineim')).to.throw(
        SkypeConfigError,
        /already exists/,
      )
    })
  })

  describe('Remove-CsClientPolicy', () => {
    it('removes a per-user policy, and the users granted it fall back to their site or Global', () => {
      const s = shell()
      s.run('New-CsClientPolicy -Identity NoArchiving -EnableIMAutoArchiving $False')
      s.run('Set-CsClientPolicy -Identity Global -EnableIMAutoArchiving $True')
      s.run('Grant-CsClientPolicy -Identity bob@contoso.com -PolicyName NoArchiving')
      expect(s.directory.effective('bob@contoso.com').enableIMAutoArchiving).to.equal(false)
      s.run('Remove-CsClientPolicy -Identity NoArchiving')
      expect(s.directory.userAssignments('bob@contoso.com').clientPolicy).to.equal(undefined)
      expect(s.directory.effective('bob@contoso.com')).to.include({
        enableIMAutoArchiving: true,
        clientPolicyIdentity: 'Global',
      })
      expect(s.run('Get-CsClientPolicy')).to.equal(
        'Identity              : Global\nEnableIMAutoArchiving : True',
      )
    })

    it('removes a Site policy; on Global resets it to its defaults', () => {
      const s = shell()
      s.run('New-CsClientPolicy -Identity site:Redmond -EnableIMAutoArchiving $False')
      s.run('Remove-CsClientPolicy site:redmond')
      expect(s.directory.effective('alice@contoso.com').clientPolicyIdentity).to.equal('Global')
      s.run('Set-CsClientPolicy -EnableIMAutoArchiving $False')
      s.run('Remove-CsClientPolicy -Identity global -Confirm:$False')
      expect(s.run('Get-CsClientPolicy')).to.equal(
        'Identity              : Global\nEnableIMAutoArchiving :',
      )
    })

    it('refuses a policy that does not exist, and needs -Identity', () => {
      const s = shell()
      expect(() => s.run('Remove-CsClientPolicy -Identity Nope')).to.throw(
        SkypeConfigError,
        'Cannot remove "ClientPolicy" "Nope" because it does not exist.',
      )
      expect(shellError('Remove-CsClientPolicy').message).to.match(/needs -Identity/)
    })
  })

  describe('Get-CsUser', () => {
    it('lists the users of the organisation, with their SIP address and granted client policy', () => {
      const s = shell()
      s.run('New-CsClientPolicy -Identity NoArchiving -EnableIMAutoArchiving $False')
      s.run('Grant-CsClientPolicy -Identity "Bob Kelly" -PolicyName NoArchiving')
      expect(s.run('Get-CsUser -Identity sip:robert.kelly@contoso.com')).to.equal(
        [
          'Identity          : CN=Bob Kelly,DC=contoso,DC=com',
          'SipAddress        : sip:robert.kelly@contoso.com',
          'UserPrincipalName : bob@contoso.com',
          'DisplayName       : Bob Kelly',
          'Enabled           : True',
          'ClientPolicy      : NoArchiving',
        ].join('\n'),
      )
      const all = s.run('Get-CsUser')!
      expect(all.split('\n\n')).to.have.length(2)
      expect(all).to.match(/^Identity {10}: CN=Alice Wood,DC=contoso,DC=com\n/)
      expect(all).to.match(/ClientPolicy {6}:\nIdentity|ClientPolicy {6}:$/m)
    })

    it('refuses a user the organisation does not have', () => {
      expect(() => shell().run('Get-CsUser "Carol Ruiz"')).to.throw(
        ShellError,
        'Management object not found for identity "Carol Ruiz".',
      )
    })
  })

  describe('Set-CsUser', () => {
    it('-SipAddress changes the SIP address the shell finds the user by and Get-CsUser shows', () => {
      const s = shell()
      s.run('Set-CsUser -Identity "Bob Kelly" -SipAddress sip:bob.kelly@contoso.com')
      expect(s.directory.userAssignments('bob@contoso.com').sip).to.equal('bob.kelly@contoso.com')
      expect(s.run('Get-CsUser sip:bob.kelly@contoso.com')).to.include(
        'SipAddress        : sip:bob.kelly@contoso.com',
      )
      expect(() => s.run('Get-CsUser sip:robert.kelly@contoso.com')).to.throw(
        ShellError,
        /Management object not found/,
      )
      s.run('Set-CsUser bob@contoso.com -SipAddress sip:bob@contoso.com -WhatIf')
      expect(s.directory.userAssignments('bob@contoso.com').sip).to.equal('bob.kelly@contoso.com')
    })

    it('refuses a SIP address without sip:, in another SIP domain, or in use', () => {
      const s = shell()
      for (const [line, message] of [
        ['Set-CsUser bob@contoso.com -SipAddress bob2@contoso.com', /must use the sip: prefix/],
        [
          'Set-CsUser bob@contoso.com -SipAddress sip:bob@fabrikam.com',
          /SIP domain of the organisation \(contoso\.com\)/,
        ],
        [
          'Set-CsUser bob@contoso.com -SipAddress sip:alice@contoso.com',
          /already in use by alice@contoso\.com/,
        ],
      ] as const) {
        expect(() => s.run(line), line).to.throw(SkypeConfigError, message)
      }
      expect(s.directory.userAssignments('bob@contoso.com').sip).to.equal(
        'robert.kelly@contoso.com',
      )
      expect(shellError('Set-CsUser -SipAddress sip:x@contoso.com').message).to.match(
        /needs -Identity/,
      )
    })
  })

  describe('-WhatIf, -Confirm, -Force', () => {
    it('-WhatIf changes nothing and says what it would do', () => {
      const s = shell()
      expect(s.run('Set-CsImConfiguration -EnableOfflineIm $False -WhatIf')).to.equal(
        'What if: Performing operation "Set-CsImConfiguration" on Target "Global".',
      )
      expect(s.run('New-CsClientPolicy OfflineIM -WhatIf')).to.equal(
        'What if: Performing operation "New-CsClientPolicy" on Target "OfflineIM".',
      )
      expect(
        s.run('Grant-CsClientPolicy -Identity "Alice Wood" -PolicyName $null -WhatIf'),
      ).to.equal(
        'What if: Performing operation "Grant-CsClientPolicy" on Target "alice@contoso.com" with PolicyName "$null".',
      )
      expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(true)
      expect(s.run('Get-CsClientPolicy')).to.equal(
        'Identity              : Global\nEnableIMAutoArchiving :',
      )
      expect(() =>
        s.run('Grant-CsClientPolicy -Identity "Ken Myer" -PolicyName X -WhatIf'),
      ).to.throw(ShellError)
      expect(s.run('Set-CsImConfiguration -EnableOfflineIm $False -WhatIf:$false')).to.equal(
        undefined,
      )
      expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(false)
    })

    it('-Confirm and -Force do not stop the change', () => {
      const s = shell()
      s.run('Set-CsImConfiguration -EnableOfflineIm $False -Confirm -Force')
      expect(s.directory.effective('bob@contoso.com').enableOfflineIm).to.equal(false)
    })
  })
})
