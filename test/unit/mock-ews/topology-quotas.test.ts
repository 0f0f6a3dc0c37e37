/** The `quotas:` blocks of a topology: Exchange's size syntax, per-user overrides, clear errors. */
import { expect } from 'chai'
import { parseTopology, TopologyError } from '../../../mock-ews/topology/load.ts'
import { Directory } from '../../../mock-ews/topology/directory.ts'
import { EXCHANGE_PROFILES } from '../../../mock-ews/topology/profiles.ts'
import { formatSize } from '../../../mock-ews/topology/quotas.ts'

const topology = (orgQuotas: string, userQuotas = ''): string =>
  [
    'organisations:',
    '  - domain: contoso.com',
    '    exchange: exchange-2019',
    ...(orgQuotas ? [`    quotas: ${orgQuotas}`] : []),
    '    users:',
    '      - address: alice@contoso.com',
    '        password: P@ssw0rd',
    ...(userQuotas ? [`        quotas: ${userQuotas}`] : []),
    '      - address: bob@contoso.com',
    '        password: P@ssw0rd',
    '',
  ].join('\n')

const limitsOf = (text: string, user = 'alice@contoso.com') =>
  new Directory(parseTopology(text)).user(user)!.limits

function errorOf(text: string): TopologyError {
  try {
    parseTopology(text, 'topo.yaml')
  } catch (e) {
    if (e instanceof TopologyError) return e
    throw e
  }
  throw new Error('expected a TopologyError')
}

describe('topology quotas', () => {
  it('reads sizes as Exchange writes them: 2GB, 1.9 GB, 512KB, bytes, unlimited', () => {
    const l = limitsOf(
      topology(
        '{ issueWarningQuota: 1.9 GB, prohibitSendQuota: 2GB, prohibitSendReceiveQuota: unlimited, maxSendSize: 512KB, maxReceiveSize: 1000, maxSubscriptions: 7 }',
      ),
    )
    expect(l).to.deep.equal({
      issueWarningQuota: Math.round(1.9 * 1024 ** 3),
      prohibitSendQuota: 2 * 1024 ** 3,
      prohibitSendReceiveQuota: Number.POSITIVE_INFINITY,
      maxSendSize: 512 * 1024,
      maxReceiveSize: 1000,
      maxSubscriptions: 7,
    })
  })

  it("takes the profile's defaults for what is not given, and a user's overrides over the organisation's", () => {
    const text = topology('{ maxSendSize: 20MB, maxSubscriptions: 3 }', '{ maxSubscriptions: 9 }')
    const alice = limitsOf(text)
    const bob = limitsOf(text, 'bob@contoso.com')
    expect(alice.maxSubscriptions).to.equal(9)
    expect(bob.maxSubscriptions).to.equal(3)
    expect(bob.maxSendSize).to.equal(20 * 1024 ** 2)
    expect(bob.prohibitSendReceiveQuota).to.equal(
      EXCHANGE_PROFILES['exchange-2019'].quotas.prohibitSendReceiveQuota,
    )
  })

  it('gives every mailbox the profile defaults without a quotas block', () => {
    expect(limitsOf(topology(''))).to.deep.equal(EXCHANGE_PROFILES['exchange-2019'].quotas)
  })

  for (const [value, path] of [
    ['{ prohibitSendQuota: 2 gigs }', 'organisations[0].quotas.prohibitSendQuota'],
    ['{ maxSendSize: -1 }', 'organisations[0].quotas.maxSendSize'],
    ['{ maxSubscriptions: 2.5 }', 'organisations[0].quotas.maxSubscriptions'],
    ['{ maxSubscription: 2 }', 'organisations[0].quotas.maxSubscription'],
    ['20MB', 'organisations[0].quotas'],
  ] as const) {
    it(`refuses quotas ${value} naming ${path}`, () => {
      const e = errorOf(topology(value))
      expect(e.path).to.equal(path)
      expect(e.line).to.equal(4)
    })
  }

  it('writes sizes as Exchange shows them', () => {
    expect(formatSize(2 * 1024 ** 3)).to.equal('2 GB (2147483648 bytes)')
    expect(formatSize(1536)).to.equal('1.5 KB (1536 bytes)')
    expect(formatSize(Number.POSITIVE_INFINITY)).to.equal('unlimited')
  })
})
