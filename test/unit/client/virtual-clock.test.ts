// The virtual clock: timers run in time order at their own time, nothing sleeps.
import { expect } from 'chai'
import { VirtualClock } from '../../../client/engine/index.ts'

describe('VirtualClock', () => {
  it('runs due timers in time order (ties in the order set), each at its own time', async () => {
    const clock = new VirtualClock('2016-06-10T09:00:00Z')
    const seen: string[] = []
    const at = (min: number, name: string): void => {
      clock.at(new Date(Date.parse('2016-06-10T09:00:00Z') + min * 60_000), async () => {
        seen.push(`${name}@${clock.now().toISOString().slice(11, 16)}`)
      })
    }
    at(3, 'c')
    at(1, 'a')
    at(3, 'd')
    at(2, 'b')
    at(10, 'late')
    await clock.advance(5 * 60_000)
    expect(seen).to.deep.equal(['a@09:01', 'b@09:02', 'c@09:03', 'd@09:03'])
    expect(clock.now().toISOString()).to.equal('2016-06-10T09:05:00.000Z')
    expect(clock.nextTimer()?.toISOString()).to.equal('2016-06-10T09:10:00.000Z')
  })

  it('runs timers that timers set, when they fall due within the same advance', async () => {
    const clock = new VirtualClock('2016-06-10T09:00:00Z')
    const seen: number[] = []
    const tick = async (): Promise<void> => {
      seen.push(clock.now().getUTCMinutes())
      clock.at(new Date(clock.now().getTime() + 120_000), tick)
    }
    clock.at(new Date('2016-06-10T09:02:00Z'), tick)
    await clock.advanceTo(new Date('2016-06-10T09:09:00Z'))
    expect(seen).to.deep.equal([2, 4, 6, 8])
  })

  it('cancels, clamps past times to now, runs what is due now on advance(0), never goes back', async () => {
    const clock = new VirtualClock('2016-06-10T09:00:00Z')
    let ran = 0
    clock.at(new Date('2016-06-10T09:01:00Z'), async () => void ran++).cancel()
    clock.at(new Date('2016-06-01T00:00:00Z'), async () => void (ran += 10))
    expect(clock.nextTimer()?.toISOString()).to.equal('2016-06-10T09:00:00.000Z')
    await clock.advance(0)
    expect(ran).to.equal(10)
    await clock.advance(120_000)
    expect(ran).to.equal(10)
    let error: unknown
    await clock.advanceTo(new Date('2016-06-10T09:00:00Z')).catch((e: unknown) => (error = e))
    expect((error as Error).message).to.match(/cannot go back/)
  })
})
