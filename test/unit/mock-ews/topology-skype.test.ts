// parseTopology: the `skype` and `quirks` sections of an organisation and the users' `site` and
// `clientPolicy` (reference/sfb-offline-im.md §3).
import { expect } from 'chai'
import { SKYPE_SERVER_NAMES } from '../../../mock-ews/skype/skype-config.ts'
import { parseTopology, TopologyError } from '../../../mock-ews/topology/load.ts'
import type { OrganisationSpec } from '../../../mock-ews/topology/topology.ts'

/**
 * contoso.com (exchange-2016) with a `skype:` section; tests change one line at a time.
 * Lines are numbered in the comments (1-based) for error positions.
 */
const VALID = [
  'organisations:', //                                        1
  '  - domain: contoso.com', //                               2
  '    exchange: exchange-2016', //                           3
  '    skype:', //                                            4
  '      server: sfb-server-2015-cu3', //                     5
  '      sites: [Redmond, Dublin]', //                        6
  '      imConfiguration:', //                                7
  '        Global: { enableOfflineIm: true }', //             8
  '        Site:Redmond: { enableOfflineIm: false }', //      9
  '      clientPolicies:', //                                 10
  '        Global: { enableIMAutoArchiving: true }', //       11
  '        Site:Dublin: { enableIMAutoArchiving: false }', // 12
  '        SalesPolicy: { enableIMAutoArchiving: false }', // 13
  '        OpenPolicy: {}', //                                14
  '    users:', //                                            15
  '      - address: alice@contoso.com', //                    16
  '        password: P@ssw0rd', //                            17
  '        site: Redmond', //                                 18
  '        clientPolicy: SalesPolicy', //                     19
  '      - address: bob@contoso.com', //                      20
  '        password: P@ssw0rd', //                            21
  '',
].join('\n')

function lines(change: (l: string[]) => void): string {
  const l = VALID.split('\n')
  change(l)
  return l.join('\n')
}

/** Line `n` (1-based) replaced. */
function withLine(n: number, text: string): string {
  return lines((l) => {
    l[n - 1] = text
  })
}

/** Lines `from`…`to` (1-based, inclusive) removed. */
function without(from: number, to = from): string {
  return lines((l) => {
    l.splice(from - 1, to - from + 1)
  })
}

function contoso(text: string): OrganisationSpec {
  return parseTopology(text, 'topo.yaml').organisations[0]!
}

function topologyError(text: string): TopologyError {
  let thrown: unknown
  try {
    parseTopology(text, 'topo.yaml')
  } catch (e) {
    thrown = e
  }
  expect(thrown, 'expected a TopologyError, nothing was thrown').to.not.equal(undefined)
  expect(thrown, String(thrown)).to.be.instanceOf(TopologyError)
  return thrown as TopologyError
}

/** A one-organisation file with the given exchange profile and `skype:` lines (indented 6). */
function org(exchange: string, skype: string[] | undefined, extra: string[] = []): string {
  return [
    'organisations:',
    '  - domain: contoso.com',
    `    exchange: ${exchange}`,
    ...(skype ? ['    skype:', ...skype.map((l) => `      ${l}`)] : []),
    ...extra,
    '    users:',
    '      - address: alice@contoso.com',
    '        password: P@ssw0rd',
    '',
  ].join('\n')
}

describe('parseTopology: skype', () => {
  it('reads server, sites, imConfiguration and clientPolicies', () => {
    const o = contoso(VALID)
    expect(o.skype).to.deep.equal({
      server: 'sfb-server-2015-cu3',
      sites: ['Redmond', 'Dublin'],
      imConfigurations: [
        { identity: 'Global', enableOfflineIm: true },
        { identity: 'Site:Redmond', enableOfflineIm: false },
      ],
      clientPolicies: [
        { identity: 'Global', enableIMAutoArchiving: true },
        { identity: 'Site:Dublin', enableIMAutoArchiving: false },
        { identity: 'SalesPolicy', enableIMAutoArchiving: false },
        { identity: 'OpenPolicy', enableIMAutoArchiving: undefined },
      ],
    })
  })

  it("reads the users' site and clientPolicy", () => {
    const [alice, bob] = contoso(VALID).users
    expect(alice).to.include({ site: 'Redmond', clientPolicy: 'SalesPolicy' })
    expect(bob!.site).to.equal(undefined)
    expect(bob!.clientPolicy).to.equal(undefined)
  })

  it('accepts every server name', () => {
    for (const server of SKYPE_SERVER_NAMES) {
      expect(contoso(org('exchange-2016', [`server: ${server}`])).skype.server).to.equal(server)
    }
  })

  it('refuses an unknown server name, listing the valid ones', () => {
    const err = topologyError(withLine(5, '      server: sfb-server-2015-cu4'))
    expect(err.path).to.equal('organisations[0].skype.server')
    for (const name of SKYPE_SERVER_NAMES) expect(err.message).to.contain(name)
    expect(err.line).to.equal(5)
    expect(err.column).to.equal(15)
  })

  it('refuses a skype section without a server', () => {
    const err = topologyError(without(5))
    expect(err.path).to.equal('organisations[0].skype.server')
  })

  it('refuses an unknown key in the skype section', () => {
    const err = topologyError(withLine(5, '      serverName: sfb-server-2015-cu3'))
    expect(err.message).to.contain('serverName')
  })

  it('adds a Global imConfiguration (true) when only a Site one is given', () => {
    const o = contoso(without(8))
    expect(o.skype.imConfigurations).to.deep.equal([
      { identity: 'Global', enableOfflineIm: true },
      { identity: 'Site:Redmond', enableOfflineIm: false },
    ])
  })

  it('gives a CU3 or 2019 server without imConfiguration a Global one, true', () => {
    for (const server of ['sfb-server-2015-cu3', 'sfb-server-2019']) {
      expect(
        contoso(org('exchange-2016', [`server: ${server}`])).skype.imConfigurations,
      ).to.deep.equal([{ identity: 'Global', enableOfflineIm: true }])
    }
  })

  it('takes imConfiguration identities case-insensitively (global, site:Redmond)', () => {
    const o = contoso(
      lines((l) => {
        l[7] = '        global: { enableOfflineIm: false }'
        l[8] = '        site:Redmond: { enableOfflineIm: true }'
      }),
    )
    expect(o.skype.imConfigurations).to.deep.equal([
      { identity: 'Global', enableOfflineIm: false },
      { identity: 'Site:Redmond', enableOfflineIm: true },
    ])
  })

  it('refuses an imConfiguration of an unknown site, at the key with line and column', () => {
    const err = topologyError(withLine(9, '        Site:Paris: { enableOfflineIm: false }'))
    expect(err.path).to.equal('organisations[0].skype.imConfiguration.Site:Paris')
    expect(err.message).to.contain('Redmond')
    expect(err.line).to.equal(9)
    expect(err.column).to.equal(9)
    expect(err.message).to.match(/^topo\.yaml:9:9: /)
  })

  it('refuses a per-user identity as an imConfiguration key', () => {
    const err = topologyError(withLine(9, '        SalesPolicy: { enableOfflineIm: false }'))
    expect(err.path).to.equal('organisations[0].skype.imConfiguration.SalesPolicy')
    expect(err.line).to.equal(9)
  })

  it('refuses a non-boolean enableOfflineIm', () => {
    const err = topologyError(withLine(9, '        Site:Redmond: { enableOfflineIm: "no" }'))
    expect(err.path).to.equal('organisations[0].skype.imConfiguration.Site:Redmond.enableOfflineIm')
    expect(err.expected).to.equal('true or false')
  })

  for (const server of [
    'sfb-server-2015-rtm',
    'sfb-server-2015-cu1',
    'sfb-server-2015-cu2',
    'sfb-online',
  ]) {
    it(`refuses imConfiguration on ${server}`, () => {
      const err = topologyError(withLine(5, `      server: ${server}`))
      expect(err.path).to.equal('organisations[0].skype.imConfiguration')
      expect(err.message).to.match(/CsImConfiguration/)
      expect(err.line).to.equal(7)
    })

    it(`${server} without imConfiguration has none`, () => {
      const o = contoso(org('exchange-2016', [`server: ${server}`]))
      expect(o.skype.imConfigurations).to.deep.equal([])
    })
  }

  it('accepts clientPolicies on Skype for Business Online', () => {
    const o = contoso(
      org('exchange-online', [
        'server: sfb-online',
        'clientPolicies:',
        '  Global: { enableIMAutoArchiving: false }',
      ]),
    )
    expect(o.skype.clientPolicies).to.deep.equal([
      { identity: 'Global', enableIMAutoArchiving: false },
    ])
  })

  it('refuses a client policy of an unknown site, at the key', () => {
    const err = topologyError(withLine(12, '        Site:Paris: { enableIMAutoArchiving: false }'))
    expect(err.path).to.equal('organisations[0].skype.clientPolicies.Site:Paris')
    expect(err.line).to.equal(12)
    expect(err.column).to.equal(9)
  })

  it('refuses a non-boolean enableIMAutoArchiving', () => {
    for (const value of ['"false"', '0', 'yes please', '[true]']) {
      const err = topologyError(
        withLine(13, `        SalesPolicy: { enableIMAutoArchiving: ${value} }`),
      )
      expect(err.path, value).to.equal(
        'organisations[0].skype.clientPolicies.SalesPolicy.enableIMAutoArchiving',
      )
      expect(err.expected, value).to.equal('true or false')
    }
  })

  it('refuses an unknown key in a client policy', () => {
    const err = topologyError(withLine(13, '        SalesPolicy: { enableOfflineIm: false }'))
    expect(err.message).to.contain('enableOfflineIm')
  })

  it('refuses a site name that is not a name', () => {
    const err = topologyError(withLine(6, '      sites: [Redmond, "no/slash"]'))
    expect(err.path).to.equal('organisations[0].skype.sites[1]')
  })

  describe('users', () => {
    it("refuses a site that is not one of the organisation's", () => {
      const err = topologyError(withLine(18, '        site: Paris'))
      expect(err.path).to.equal('organisations[0].users[0].site')
      expect(err.message).to.contain('Redmond')
      expect(err.line).to.equal(18)
    })

    it('refuses a site where the organisation has none', () => {
      const err = topologyError(
        org('exchange-2016', undefined).replace('P@ssw0rd\n', 'P@ssw0rd\n        site: Redmond\n'),
      )
      expect(err.path).to.equal('organisations[0].users[0].site')
    })

    it('refuses a clientPolicy that is not defined', () => {
      const err = topologyError(withLine(19, '        clientPolicy: Marketing'))
      expect(err.path).to.equal('organisations[0].users[0].clientPolicy')
      expect(err.message).to.contain('SalesPolicy')
      expect(err.line).to.equal(19)
    })

    for (const policy of ['Global', 'Site:Dublin']) {
      it(`refuses ${policy} as a user's clientPolicy (only per-user tags are granted)`, () => {
        const err = topologyError(withLine(19, `        clientPolicy: ${policy}`))
        expect(err.path).to.equal('organisations[0].users[0].clientPolicy')
        expect(err.message).to.not.match(/Global,|Site:Dublin,/)
      })
    }
  })

  describe('when absent', () => {
    it('gives an on-premises organisation Skype for Business Server 2015 CU3 with Global true', () => {
      for (const exchange of [
        'exchange-2010-sp3',
        'exchange-2013',
        'exchange-2016',
        'exchange-2019',
      ]) {
        expect(contoso(org(exchange, undefined)).skype, exchange).to.deep.equal({
          server: 'sfb-server-2015-cu3',
          sites: [],
          imConfigurations: [{ identity: 'Global', enableOfflineIm: true }],
          clientPolicies: [],
        })
      }
    })

    it('gives an Exchange Online organisation Skype for Business Online', () => {
      expect(contoso(org('exchange-online', undefined)).skype).to.deep.equal({
        server: 'sfb-online',
        sites: [],
        imConfigurations: [],
        clientPolicies: [],
      })
    })
  })
})

describe('parseTopology: quirks', () => {
  it('reads refuseSkypeDraftSend: false', () => {
    const o = contoso(
      org('exchange-2016', undefined, ['    quirks: { refuseSkypeDraftSend: false }']),
    )
    expect(o.quirks).to.deep.equal({ refuseSkypeDraftSend: false })
  })

  it('reads refuseSkypeDraftSend: true', () => {
    const o = contoso(
      org('exchange-online', undefined, ['    quirks: { refuseSkypeDraftSend: true }']),
    )
    expect(o.quirks).to.deep.equal({ refuseSkypeDraftSend: true })
  })

  it('has no overrides when absent or empty', () => {
    expect(contoso(org('exchange-2016', undefined)).quirks).to.deep.equal({})
    expect(contoso(org('exchange-2016', undefined, ['    quirks: {}'])).quirks).to.deep.equal({})
  })

  it('refuses a non-boolean refuseSkypeDraftSend', () => {
    const err = topologyError(
      org('exchange-2016', undefined, ['    quirks: { refuseSkypeDraftSend: "off" }']),
    )
    expect(err.path).to.equal('organisations[0].quirks.refuseSkypeDraftSend')
    expect(err.expected).to.equal('true or false')
    expect(err.line).to.equal(4)
  })

  it('refuses an unknown quirk', () => {
    const err = topologyError(org('exchange-2016', undefined, ['    quirks: { dropMail: true }']))
    expect(err.path).to.equal('organisations[0].quirks.dropMail')
    expect(err.message).to.contain('refuseSkypeDraftSend')
  })
})
