/** Bearer tokens: expired ones are dropped, and one user holds a bounded number of live ones. */
import { expect } from 'chai'
import { FakeClock, seededIds } from '../../../mock-ews/index.ts'
import { MAX_TOKENS_PER_USER, TokenService } from '../../../mock-ews/auth/tokens.ts'
import { Directory } from '../../../mock-ews/topology/directory.ts'
import { demoTopology } from '../../../mock-ews/topology/topology.ts'

describe('TokenService', () => {
  const directory = new Directory(demoTopology())
  const carol = directory.user('carol@fabrikam.com')!
  const alice = directory.user('alice@contoso.com')!
  let clock: FakeClock
  beforeEach(() => {
    clock = new FakeClock('2021-03-01T09:00:00Z')
  })

  it('drops a user’s expired tokens when the user gets a new one', () => {
    const tokens = new TokenService(clock, seededIds(1))
    for (let i = 0; i < 10; i++) tokens.issue(carol, 60)
    expect(tokens.size).to.equal(10)
    clock.advance(60_000)
    const fresh = tokens.issue(carol, 60)
    expect(tokens.size).to.equal(1)
    expect(tokens.verify(fresh.access_token)).to.have.property('user', carol)
  })

  it('keeps tokens that have not expired yet', () => {
    const tokens = new TokenService(clock, seededIds(1))
    const first = tokens.issue(carol, 60)
    clock.advance(59_999)
    tokens.issue(carol, 60)
    expect(tokens.size).to.equal(2)
    expect(tokens.verify(first.access_token)).to.have.property('user', carol)
  })

  it('drops an expired token presented, and answers it expired', () => {
    const tokens = new TokenService(clock, seededIds(1))
    const t = tokens.issue(carol, 60)
    clock.advance(60_000)
    expect(tokens.verify(t.access_token)).to.deep.equal({ error: 'expired' })
    expect(tokens.size).to.equal(0)
  })

  it(`holds at most ${MAX_TOKENS_PER_USER} live tokens per user: the oldest is evicted`, () => {
    const tokens = new TokenService(clock, seededIds(1))
    const issued = Array.from({ length: MAX_TOKENS_PER_USER + 5 }, () => tokens.issue(carol, 3600))
    expect(tokens.size).to.equal(MAX_TOKENS_PER_USER)
    for (const t of issued.slice(0, 5))
      expect(tokens.verify(t.access_token)).to.deep.equal({ error: 'unknown' })
    for (const t of issued.slice(5))
      expect(tokens.verify(t.access_token)).to.have.property('user', carol)
  })

  it('counts each user apart', () => {
    const tokens = new TokenService(clock, seededIds(1), 3)
    const a = [1, 2, 3].map(() => tokens.issue(alice, 3600))
    for (let i = 0; i < 5; i++) tokens.issue(carol, 3600)
    expect(tokens.size).to.equal(6)
    for (const t of a) expect(tokens.verify(t.access_token)).to.have.property('user', alice)
  })
})
