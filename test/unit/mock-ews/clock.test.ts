import { expect } from 'chai'
import { FakeClock, systemClock } from '../../../mock-ews/support/clock.ts'

describe('FakeClock', () => {
  it('starts at the time it is given, as a Date, string or number', () => {
    expect(new FakeClock('2016-06-10T09:00:00Z').now().toISOString()).to.equal(
      '2016-06-10T09:00:00.000Z',
    )
    expect(new FakeClock(new Date('2016-06-10T09:00:00Z')).now().toISOString()).to.equal(
      '2016-06-10T09:00:00.000Z',
    )
    expect(new FakeClock(0).now().toISOString()).to.equal('1970-01-01T00:00:00.000Z')
  })

  it('starts on 2016-06-01 by default', () => {
    expect(new FakeClock().now().toISOString()).to.equal('2016-06-01T00:00:00.000Z')
  })

  it('stands still until told to move', () => {
    const clock = new FakeClock('2016-06-10T09:00:00Z')
    const a = clock.now()
    const b = clock.now()
    expect(b.getTime()).to.equal(a.getTime())
  })

  it('returns a new Date each time: changing it does not move the clock', () => {
    const clock = new FakeClock('2016-06-10T09:00:00Z')
    clock.now().setFullYear(2030)
    expect(clock.now().toISOString()).to.equal('2016-06-10T09:00:00.000Z')
  })

  it('set moves to the given time, forwards or backwards', () => {
    const clock = new FakeClock('2016-06-10T09:00:00Z')
    clock.set('2016-06-14T12:30:00Z')
    expect(clock.now().toISOString()).to.equal('2016-06-14T12:30:00.000Z')
    clock.set(new Date('2016-01-01T00:00:00Z'))
    expect(clock.now().toISOString()).to.equal('2016-01-01T00:00:00.000Z')
  })

  it('advance moves forward by the given milliseconds', () => {
    const clock = new FakeClock('2016-06-10T09:00:00Z')
    clock.advance(2 * 60_000)
    expect(clock.now().toISOString()).to.equal('2016-06-10T09:02:00.000Z')
    clock.advance(0)
    clock.advance(1)
    expect(clock.now().toISOString()).to.equal('2016-06-10T09:02:00.001Z')
  })

  it('refuses to advance by a negative or non-numeric amount, and stays where it was', () => {
    const clock = new FakeClock('2016-06-10T09:00:00Z')
    for (const bad of [-1, -60_000, Number.NaN]) {
      expect(() => clock.advance(bad)).to.throw(/cannot advance/)
    }
    expect(clock.now().toISOString()).to.equal('2016-06-10T09:00:00.000Z')
  })

  it('refuses an invalid date when created or set', () => {
    expect(() => new FakeClock('not a date')).to.throw(/not a date/)
    expect(() => new FakeClock(Number.NaN)).to.throw(/not a date/)
    const clock = new FakeClock('2016-06-10T09:00:00Z')
    expect(() => clock.set('2016-13-45')).to.throw(/not a date/)
    expect(() => clock.set(new Date(Number.NaN))).to.throw(/not a date/)
    expect(clock.now().toISOString()).to.equal('2016-06-10T09:00:00.000Z')
  })
})

describe('systemClock', () => {
  it('tells the wall-clock time', () => {
    const before = Date.now()
    const now = systemClock.now().getTime()
    expect(now).to.be.within(before, Date.now())
  })
})
