import { expect } from 'chai'
import { offlineImGates } from '../../../client/engine/gates.ts'
import type { GateInputs } from '../../../client/engine/gates.ts'
import type { Provisioning } from '../../../client/engine/provisioning.ts'

const CU3: Provisioning = {
  online: false,
  imConfigurationAvailable: true,
  enableOfflineIm: true,
  enableIMAutoArchiving: undefined,
}
const ONLINE: Provisioning = {
  online: true,
  imConfigurationAvailable: false,
  enableOfflineIm: undefined,
  enableIMAutoArchiving: undefined,
}

function gates(over: Partial<GateInputs> = {}) {
  return offlineImGates({
    build: '16.0.6965.2058',
    mailbox: 'on-premises',
    provisioning: CU3,
    ewsReachable: true,
    ...over,
  })
}
const failed = (r: ReturnType<typeof gates>): string[] =>
  r.decisions.filter((d) => !d.passed).map((d) => d.gate)

describe('offline-IM gates', () => {
  it('are all passed by a fixed build with an on-premises mailbox on 2015 CU3 defaults', () => {
    const r = gates()
    expect(r.available).to.equal(true)
    expect(r.refusal).to.equal(undefined)
    expect(r.decisions.map((d) => d.gate)).to.deep.equal([
      'build',
      'on-premises-build',
      'server-setting',
      'client-policy',
      'ews',
    ])
  })

  it('need build 16.0.6701.1000: 16.0.6701.999 is refused, 16.0.6701.1000 passes (Online mailbox)', () => {
    expect(
      failed(gates({ build: '16.0.6701.999', mailbox: 'online', provisioning: ONLINE })),
    ).to.deep.equal(['build'])
    expect(
      gates({ build: '16.0.6701.1000', mailbox: 'online', provisioning: ONLINE }).available,
    ).to.equal(true)
  })

  it('need build 16.0.6920.1000 with an on-premises mailbox, and not with an Online one', () => {
    expect(failed(gates({ build: '16.0.6920.999' }))).to.deep.equal(['on-premises-build'])
    expect(gates({ build: '16.0.6920.1000' }).available).to.equal(true)
    expect(
      gates({ build: '16.0.6920.999', mailbox: 'online', provisioning: ONLINE }).available,
    ).to.equal(true)
  })

  it('follow the server setting: EnableOfflineIm $False refuses, $True and the CU3 default pass', () => {
    expect(failed(gates({ provisioning: { ...CU3, enableOfflineIm: false } }))).to.deep.equal([
      'server-setting',
    ])
    expect(gates({ provisioning: { ...CU3, enableOfflineIm: undefined } }).available).to.equal(true)
  })

  it('refuse on a server without CsImConfiguration (before 2015 CU3), and ignore it Online', () => {
    const preCu3 = { ...CU3, imConfigurationAvailable: false, enableOfflineIm: undefined }
    expect(failed(gates({ provisioning: preCu3 }))).to.deep.equal(['server-setting'])
    expect(gates({ mailbox: 'online', provisioning: ONLINE }).available).to.equal(true)
  })

  it('follow the client policy: EnableIMAutoArchiving $False refuses; unset and $True pass', () => {
    const r = gates({ provisioning: { ...CU3, enableIMAutoArchiving: false } })
    expect(failed(r)).to.deep.equal(['client-policy'])
    expect(r.refusal).to.match(
      /^Offline messaging isn't available: EnableIMAutoArchiving is \$False/,
    )
    expect(gates({ provisioning: { ...CU3, enableIMAutoArchiving: true } }).available).to.equal(
      true,
    )
    expect(
      gates({ mailbox: 'online', provisioning: { ...ONLINE, enableIMAutoArchiving: false } })
        .available,
    ).to.equal(false)
  })

  it('need EWS to be reachable', () => {
    expect(failed(gates({ ewsReachable: false }))).to.deep.equal(['ews'])
  })

  it('evaluate every gate for the trace, and the refusal names the first that failed', () => {
    const r = gates({
      build: '16.0.6000.0',
      provisioning: { ...CU3, enableOfflineIm: false },
      ewsReachable: false,
    })
    expect(failed(r)).to.deep.equal(['build', 'on-premises-build', 'server-setting', 'ews'])
    expect(r.refusal).to.contain('16.0.6000.0')
    for (const d of r.decisions) expect(d.reason).to.be.a('string').and.not.equal('')
  })
})
