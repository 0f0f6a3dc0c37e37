import { expect } from 'chai'
import { parseTopology, TopologyError } from '../../../mock-ews/topology/load.ts'
import { Directory } from '../../../mock-ews/topology/directory.ts'

const members = (list: string[]): string[] =>
  list.length === 0
    ? ['        members: []']
    : ['        members:', ...list.map((m) => `          - ${m}`)]

/** contoso with alice, bob and two groups; lines are numbered for the error positions. */
const text = (team: string[], all: string[], extra: string[] = []): string =>
  [
    'organisations:', //                                  1
    '  - domain: contoso.com', //                         2
    '    exchange: exchange-2016', //                     3
    '    users:', //                                      4
    '      - address: alice@contoso.com', //              5
    '        password: P@ssw0rd', //                      6
    '      - address: bob@contoso.com', //                7
    '        password: P@ssw0rd', //                      8
    '    groups:', //                                     9
    '      - address: Team@contoso.com', //               10
    '        displayName: Team', //                       11
    ...members(team), //                                 12, 13…
    '      - address: all@contoso.com', //
    ...members(all),
    ...extra,
    '',
  ].join('\n')

function errorOf(yaml: string): string {
  try {
    parseTopology(yaml, 'topo.yaml')
  } catch (e) {
    expect(e).to.be.instanceOf(TopologyError)
    return (e as Error).message
  }
  throw new Error('expected a TopologyError, nothing was thrown')
}

describe('Topology distribution groups', () => {
  it('reads groups: address lower-case, display name defaulting to the local part, members', () => {
    const topo = parseTopology(text(['alice@contoso.com'], ['team@contoso.com', 'Bob@Contoso.com']))
    expect(topo.organisations[0]!.groups).to.deep.equal([
      { address: 'team@contoso.com', displayName: 'Team', members: ['alice@contoso.com'] },
      {
        address: 'all@contoso.com',
        displayName: 'all',
        members: ['team@contoso.com', 'bob@contoso.com'],
      },
    ])
  })

  it('expands nested groups to their users, each once', () => {
    const directory = new Directory(
      parseTopology(
        text(['alice@contoso.com', 'bob@contoso.com'], ['team@contoso.com', 'bob@contoso.com']),
      ),
    )
    const all = directory.group('ALL@contoso.com')!
    expect(directory.expandGroup(all).map((u) => u.address)).to.deep.equal([
      'bob@contoso.com',
      'alice@contoso.com',
    ])
  })

  it('refuses a cycle at the member that closes it, with file:line:column', () => {
    expect(errorOf(text(['all@contoso.com'], ['team@contoso.com']))).to.equal(
      'topo.yaml:16:13: organisations[0].groups[1].members[0]: expected a member that does not lead back to team@contoso.com (a cycle)',
    )
  })

  it('refuses a group that is its own member', () => {
    expect(errorOf(text(['team@contoso.com'], []))).to.match(
      /^topo\.yaml:13:13: organisations\[0\]\.groups\[0\]\.members\[0\]: expected a member that does not lead back/,
    )
  })

  it('refuses a member that is no user or group of the organisation', () => {
    expect(errorOf(text(['carol@fabrikam.com'], []))).to.equal(
      'topo.yaml:13:13: organisations[0].groups[0].members[0]: expected the address of a user or group of contoso.com',
    )
  })

  it("refuses a group address that is a user's, or outside the domain", () => {
    expect(
      errorOf(text([], [], ['      - address: bob@contoso.com', '        members: []'])),
    ).to.equal(
      'topo.yaml:15:18: organisations[0].groups[2].address: expected an address not used twice',
    )
    expect(
      errorOf(text([], [], ['      - address: x@fabrikam.com', '        members: []'])),
    ).to.equal(
      'topo.yaml:15:18: organisations[0].groups[2].address: expected an SMTP address in contoso.com',
    )
  })

  it('refuses an unknown key of a group', () => {
    expect(
      errorOf(text([], [], ['      - address: x@contoso.com', '        owner: bob'])),
    ).to.match(/^topo\.yaml:16:9: organisations\[0\]\.groups\[2\]\.owner: expected no key "owner"/)
  })
})
