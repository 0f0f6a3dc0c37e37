/**
 * The Directory's hybrid move: a user's mailbox served by another Exchange (profile and quirks)
 * while address and organisation stay; moves that are not between on-premises and Online, or that
 * involve Exchange 2010, are refused.
 */
import { expect } from 'chai'
import { demoTopology } from '../../../mock-ews/index.ts'
import { Directory } from '../../../mock-ews/topology/directory.ts'

describe('Directory: hybrid mailbox moves', () => {
  it('serves the moved mailbox with the new profile and its quirks; the others keep the organisation', () => {
    const d = new Directory(demoTopology())
    d.setQuirks('contoso.com', { refuseSkypeDraftSend: true })
    const alice = d.user('alice@contoso.com')!
    expect(d.quirksOf(alice).refuseSkypeDraftSend).to.equal(true)
    d.moveMailbox('alice@contoso.com', 'exchange-online')
    expect(d.user('alice@contoso.com')!.profile.name).to.equal('exchange-online')
    expect(d.userByLogon('CONTOSO\\alice')!.profile.name).to.equal('exchange-online')
    expect(d.user('alice@contoso.com')!.organisation.domain).to.equal('contoso.com')
    expect(d.quirksOf(alice).refuseSkypeDraftSend).to.equal(false)
    expect(d.quirksOf(d.user('bob@contoso.com')!).refuseSkypeDraftSend).to.equal(true)
    d.moveMailbox('alice@contoso.com', 'exchange-2016')
    expect(d.quirksOf(alice).refuseSkypeDraftSend).to.equal(true)
  })

  it('refuses a move that is not between on-premises and Online, and moves involving Exchange 2010', () => {
    const d = new Directory(demoTopology())
    expect(() => d.moveMailbox('alice@contoso.com', 'exchange-2019')).to.throw(
      /already on-premises/,
    )
    expect(() => d.moveMailbox('carol@fabrikam.com', 'exchange-2010-sp3')).to.throw(
      /Exchange 2010 is not modelled/,
    )
    expect(() => d.moveMailbox('nobody@contoso.com', 'exchange-online')).to.throw(/no user/)
    expect(d.user('alice@contoso.com')!.profile.name).to.equal('exchange-2016')
  })
})
