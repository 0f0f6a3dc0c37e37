// A saved clock is restored exactly: a frozen one stands at the saved instant even when real time
// moves between the steps of restoring it (under load a millisecond passed between setting the
// time and freezing, and `serve --state` restarted a frozen clock 1 ms late: cli-state.test.ts).
import { expect } from 'chai'
import { setClock } from '../../../mock-ews/admin/server-state.ts'
import { ControlledClock } from '../../../mock-ews/support/controlled-clock.ts'

/** A real clock that has moved on by a millisecond each time it is read. */
function ticking(): () => number {
  let ms = Date.parse('2026-01-01T00:00:00Z')
  return () => ms++
}

describe('setClock (restoring a saved clock)', () => {
  it('a frozen clock stands at the saved time, however real time moved while it was set', () => {
    const clock = new ControlledClock({ realNow: ticking() })
    setClock(clock, { now: '2030-01-01T00:00:00.000Z', frozen: true })
    expect(clock.frozen).to.equal(true)
    expect(clock.now().toISOString()).to.equal('2030-01-01T00:00:00.000Z')
  })

  it('a running clock runs on from the saved time', () => {
    const clock = new ControlledClock({ realNow: ticking(), frozen: true })
    setClock(clock, { now: '2030-01-01T00:00:00.000Z', frozen: false })
    expect(clock.frozen).to.equal(false)
    const now = clock.now().getTime() - Date.parse('2030-01-01T00:00:00.000Z')
    expect(now).to.be.within(0, 5)
  })
})
