import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { loadTopologyFile, parseTopology, TopologyError } from '../../../mock-ews/topology/load.ts'
import { EXCHANGE_PROFILE_NAMES } from '../../../mock-ews/topology/profiles.ts'

/** A valid topology; tests change one line at a time. Line 7 col 18 is bob's address. */
const VALID = [
  'organisations:', //                                   1
  '  - domain: contoso.com', //                          2
  '    exchange: exchange-2016', //                      3
  '    users:', //                                       4
  '      - address: alice@contoso.com', //               5
  '        password: P@ssw0rd', //                       6
  '      - address: bob@contoso.com', //                 7
  '        password: secret', //                         8
  '        displayName: Bob Kelly', //                   9
  '        sip: sip:Bob.Kelly@contoso.com', //           10
  '  - domain: fabrikam.com', //                         11
  '    netbios: fab', //                                 12
  '    exchange: exchange-online', //                    13
  '    users:', //                                       14
  '      - address: Carol@Fabrikam.com', //              15
  '        password: P@ssw0rd', //                       16
  '',
].join('\n')

function lines(change: (l: string[]) => void): string {
  const l = VALID.split('\n')
  change(l)
  return l.join('\n')
}

function topologyError(text: string, file = 'topo.yaml'): TopologyError {
  let thrown: unknown
  try {
    parseTopology(text, file)
  } catch (e) {
    thrown = e
  }
  expect(thrown, 'expected a TopologyError, nothing was thrown').to.not.equal(undefined)
  expect(thrown, String(thrown)).to.be.instanceOf(TopologyError)
  return thrown as TopologyError
}

describe('parseTopology', () => {
  it('accepts a valid file', () => {
    const topo = parseTopology(VALID, 'topo.yaml')
    expect(topo.organisations.map((o) => o.domain)).to.deep.equal(['contoso.com', 'fabrikam.com'])
    expect(topo.organisations[0]!.exchange).to.equal('exchange-2016')
    expect(topo.organisations[1]!.exchange).to.equal('exchange-online')
    expect(topo.organisations[0]!.users[1]).to.deep.equal({
      address: 'bob@contoso.com',
      sip: 'bob.kelly@contoso.com',
      password: 'secret',
      displayName: 'Bob Kelly',
    })
  })

  it('defaults sip to the address, netbios to the first label upper-case, displayName to the local part', () => {
    const [contoso, fabrikam] = parseTopology(VALID, 'topo.yaml').organisations
    expect(contoso!.netbios).to.equal('CONTOSO')
    expect(contoso!.users[0]).to.deep.equal({
      address: 'alice@contoso.com',
      sip: 'alice@contoso.com',
      password: 'P@ssw0rd',
      displayName: 'alice',
    })
    expect(fabrikam!.netbios).to.equal('FAB')
    expect(fabrikam!.users[0]!.address).to.equal('carol@fabrikam.com')
    expect(fabrikam!.users[0]!.sip).to.equal('carol@fabrikam.com')
  })

  it('accepts an organisation without users', () => {
    const topo = parseTopology(
      'organisations:\n  - domain: contoso.com\n    exchange: exchange-2010-sp3\n    users: []\n',
    )
    expect(topo.organisations[0]!.users).to.deep.equal([])
  })

  describe('errors name the file, the field path, what was expected, and the line and column', () => {
    it('of an address outside the domain of its organisation', () => {
      const err = topologyError(lines((l) => (l[6] = '      - address: bob@fabrikam.com')))
      expect(err.message).to.equal(
        'topo.yaml:7:18: organisations[0].users[1].address: expected an SMTP address in contoso.com',
      )
      expect(err.file).to.equal('topo.yaml')
      expect(err.path).to.equal('organisations[0].users[1].address')
      expect([err.line, err.column]).to.deep.equal([7, 18])
    })

    it('of an unknown key, naming the allowed keys', () => {
      const err = topologyError(lines((l) => l.splice(9, 0, '        colour: blue')))
      expect(err.message).to.match(
        /^topo\.yaml:10:\d+: organisations\[0\]\.users\[1\]\.colour: expected no key "colour"/,
      )
      expect(err.message).to.include('address, sip, password, displayName')
      expect(err.line).to.equal(10)
    })

    it('of an unknown key at the top level and in an organisation', () => {
      expect(topologyError(`${VALID}federation: true\n`).message).to.match(
        /^topo\.yaml:17:\d+: federation: expected no key "federation"/,
      )
      const err = topologyError(lines((l) => l.splice(3, 0, '    tenant: x')))
      expect(err.message).to.match(
        /^topo\.yaml:4:\d+: organisations\[0\]\.tenant: expected no key "tenant"/,
      )
    })

    it('of a missing password', () => {
      const err = topologyError(lines((l) => l.splice(7, 1)))
      expect(err.message).to.match(
        /^topo\.yaml(:\d+:\d+)?: organisations\[0\]\.users\[1\]\.password: expected a non-empty password string$/,
      )
      expect(err.path).to.equal('organisations[0].users[1].password')
    })

    it('of an empty password', () => {
      const err = topologyError(lines((l) => (l[7] = '        password: ""')))
      expect(err.message).to.equal(
        'topo.yaml:8:19: organisations[0].users[1].password: expected a non-empty password string',
      )
    })

    it('of a bad profile name, listing the valid ones', () => {
      const err = topologyError(lines((l) => (l[2] = '    exchange: exchange-2007')))
      expect(err.message).to.match(
        /^topo\.yaml:3:15: organisations\[0\]\.exchange: expected one of /,
      )
      for (const name of EXCHANGE_PROFILE_NAMES) expect(err.message).to.include(name)
      expect(EXCHANGE_PROFILE_NAMES).to.include.members([
        'exchange-2010-sp3',
        'exchange-2013',
        'exchange-2016',
        'exchange-2019',
        'exchange-online',
      ])
    })

    it('of an address used twice, in any case', () => {
      const err = topologyError(lines((l) => (l[6] = '      - address: ALICE@contoso.com')))
      expect(err.message).to.equal(
        'topo.yaml:7:18: organisations[0].users[1].address: expected an address not used twice',
      )
    })

    it('of a domain used by two organisations, in any case', () => {
      const err = topologyError(
        lines((l) => {
          l[10] = '  - domain: Contoso.COM'
          l[14] = '      - address: carol@contoso.com'
        }),
      )
      expect(err.message).to.equal(
        'topo.yaml:11:13: organisations[1].domain: expected a domain not used by another organisation',
      )
    })

    it('of a malformed domain and a malformed address', () => {
      expect(topologyError(lines((l) => (l[1] = '  - domain: contoso'))).message).to.match(
        /^topo\.yaml:2:13: organisations\[0\]\.domain: expected a domain name/,
      )
      expect(topologyError(lines((l) => (l[4] = '      - address: alice'))).message).to.match(
        /^topo\.yaml:5:18: organisations\[0\]\.users\[0\]\.address: expected an SMTP address in contoso\.com/,
      )
    })

    it('of invalid YAML', () => {
      const err = topologyError(lines((l) => (l[1] = '  - domain: [contoso.com')))
      expect(err.message).to.match(
        /^topo\.yaml:\d+:\d+: \(top level\): expected valid YAML \([A-Z_]+\)$/,
      )
      expect(err.line).to.be.a('number')
    })

    it('of a duplicate key', () => {
      const err = topologyError(lines((l) => l.splice(3, 0, '    exchange: exchange-2013')))
      expect(err.message).to.match(
        /^topo\.yaml:4:\d+: \(top level\): expected valid YAML \(DUPLICATE_KEY\)$/,
      )
    })

    it('of an empty organisations list', () => {
      const err = topologyError('organisations: []\n')
      expect(err.message).to.equal(
        'topo.yaml:1:16: organisations: expected a list of at least 1 entry',
      )
    })

    it('of a file that is not a mapping', () => {
      expect(topologyError('- a\n- b\n').message).to.match(
        /^topo\.yaml:1:1: \(top level\): expected a mapping$/,
      )
      expect(topologyError('').message).to.match(
        /^topo\.yaml(:\d+:\d+)?: \(top level\): expected a mapping$/,
      )
    })

    it('of users that are not a list', () => {
      const err = topologyError(
        'organisations:\n  - domain: contoso.com\n    exchange: exchange-2016\n    users: alice\n',
      )
      expect(err.message).to.equal('topo.yaml:4:12: organisations[0].users: expected a list')
    })

    it('uses <topology> when no file name is given', () => {
      let thrown: unknown
      try {
        parseTopology('organisations: []\n')
      } catch (e) {
        thrown = e
      }
      expect(thrown).to.be.instanceOf(TopologyError)
      expect((thrown as TopologyError).message).to.match(/^<topology>:1:16: /)
    })
  })
})

describe('loadTopologyFile', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'topology-'))
  })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads a file and names it in errors', () => {
    const good = join(dir, 'good.yaml')
    writeFileSync(good, VALID)
    expect(loadTopologyFile(good).organisations).to.have.length(2)
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'organisations: []\n')
    expect(() => loadTopologyFile(bad)).to.throw(
      TopologyError,
      `${bad}:1:16: organisations: expected`,
    )
  })
})
