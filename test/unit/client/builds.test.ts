// The build catalogue of the Skype for Business 2016 Click-to-Run client: build numbers, the 2016
// releases by channel and date, and what each build does for offline IM
// (reference/sfb-offline-im.md §2, §5; DESIGN.md "Client gates", "The Drafts bug").
import { expect } from 'chai'
import {
  buildFacts,
  CATALOGUE_LAST_DATE,
  CHANNEL_NAMES,
  CHANNELS,
  compareBuilds,
  DRAFTS_FIX_BUILD,
  DRAFTS_FIX_DATE,
  formatBuild,
  inRange,
  installedBuild,
  installedRelease,
  isKnownBuild,
  NOTE_EFFECTS,
  OFFLINE_IM_MIN_BUILD,
  ON_PREMISES_MIN_BUILD,
  parseBuild,
  RELEASES,
  releasesOf,
} from '../../../client/builds/index.ts'
import type { Build, Channel } from '../../../client/builds/index.ts'

/** The installed build on that day, as text (or undefined). */
function installed(channel: Channel, date: Date | string): string | undefined {
  const build = installedBuild(channel, date)
  return build && formatBuild(build)
}

/** The version (fork) installed on that day. */
function installedVersion(channel: Channel, date: string): string | undefined {
  return installedRelease(channel, date)?.version
}

describe('client builds', () => {
  describe('parseBuild / formatBuild', () => {
    it('parses four dot-separated numbers into a four-part build', () => {
      expect(parseBuild('16.0.6965.2058')).to.deep.equal([16, 0, 6965, 2058])
      expect(parseBuild('0.0.0.0')).to.deep.equal([0, 0, 0, 0])
      expect(parseBuild('15.0.4833.1000')).to.deep.equal([15, 0, 4833, 1000])
    })

    it('round-trips through formatBuild, dropping leading zeros', () => {
      for (const text of ['16.0.6965.2058', '16.0.6701.1000', '0.0.0.0', '16.0.7571.2109']) {
        expect(formatBuild(parseBuild(text))).to.equal(text)
      }
      expect(formatBuild(parseBuild('16.00.06965.02058'))).to.equal('16.0.6965.2058')
      expect(formatBuild('16.0.6965.2058')).to.equal('16.0.6965.2058')
    })

    it('returns a frozen build', () => {
      expect(Object.isFrozen(parseBuild('16.0.6965.2058'))).to.equal(true)
    })

    it('rejects anything that is not four non-negative integers, naming the text', () => {
      const bad = [
        '',
        '16',
        '16.0.6965',
        '16.0.6965.2058.1',
        '16.0.6965.',
        '.16.0.6965.2058',
        '16..6965.2058',
        '16.0.-1.2058',
        '16.0.+6965.2058',
        ' 16.0.6965.2058',
        '16.0.6965.2058 ',
        '16.0.6965.2058a',
        '16.0.6965.2058\n',
        '16,0,6965,2058',
        '16.0.0x1B35.2058',
        '16.0.6965.2e3',
        '16.0.6965.20.58',
        '16.0.6965.2058.',
        'v16.0.6965.2058',
        '１６.0.6965.2058',
        '99999999999999999999.0.0.0',
      ]
      for (const text of bad) {
        expect(() => parseBuild(text), text).to.throw(Error, JSON.stringify(text))
      }
      expect(() => parseBuild('16.0.6965')).to.throw(/four dot-separated non-negative integers/)
    })

    it('rejects a non-string at run time (e.g. a number from a YAML file)', () => {
      expect(() => parseBuild(16.0 as unknown as string)).to.throw(/Not a build number: 16/)
      expect(() => parseBuild(undefined as unknown as string)).to.throw(/undefined/)
    })

    it('formatBuild refuses a malformed hand-made build', () => {
      const bad = [
        [16, 0, -1, 0],
        [16, 0, 1.5, 0],
        [16, 0, 1],
        [16, 0, 1, 2, 3],
        [16, 0, NaN, 1],
      ]
      for (const b of bad) {
        expect(() => formatBuild(b as unknown as Build), String(b)).to.throw(/Not a build number/)
      }
    })
  })

  describe('compareBuilds / inRange', () => {
    it('orders 16.0.6965.2058 > 16.0.6965.2053 > 16.0.6920.1000', () => {
      expect(compareBuilds('16.0.6965.2058', '16.0.6965.2053')).to.equal(1)
      expect(compareBuilds('16.0.6965.2053', '16.0.6920.1000')).to.equal(1)
      expect(compareBuilds('16.0.6920.1000', '16.0.6965.2058')).to.equal(-1)
      expect(compareBuilds('16.0.6965.2058', parseBuild('16.0.6965.2058'))).to.equal(0)
    })

    it('compares each part numerically, not as text', () => {
      expect(compareBuilds('16.0.6965.10', '16.0.6965.9')).to.equal(1)
      expect(compareBuilds('16.0.10000.0', '16.0.9999.9999')).to.equal(1)
      expect(compareBuilds('16.0.6965.02058', '16.0.6965.2058')).to.equal(0)
    })

    it('gives the earlier parts precedence', () => {
      expect(compareBuilds('17.0.0.0', '16.9.9999.9999')).to.equal(1)
      expect(compareBuilds('16.1.0.0', '16.0.9999.9999')).to.equal(1)
      expect(compareBuilds('16.0.6966.0', '16.0.6965.9999')).to.equal(1)
      expect(compareBuilds('15.0.4833.1000', '16.0.0.0')).to.equal(-1)
    })

    it('sorts a list of builds', () => {
      const sorted = ['16.0.6965.2058', '16.0.6965.10', '16.0.6701.1000', '16.0.6965.9', '15.0.1.1']
        .sort(compareBuilds)
        .map((b) => formatBuild(b))
      expect(sorted).to.deep.equal([
        '15.0.1.1',
        '16.0.6701.1000',
        '16.0.6965.9',
        '16.0.6965.10',
        '16.0.6965.2058',
      ])
    })

    it('throws on malformed text rather than guessing', () => {
      expect(() => compareBuilds('16.0.6965', '16.0.6965.2058')).to.throw(/"16.0.6965"/)
      expect(() => compareBuilds('16.0.6965.2058', 'latest')).to.throw(/"latest"/)
    })

    it('inRange includes the lower bound and excludes the upper one', () => {
      const from = '16.0.6920.1000'
      const to = '16.0.6965.2058'
      expect(inRange('16.0.6920.999', from, to)).to.equal(false)
      expect(inRange('16.0.6920.1000', from, to)).to.equal(true)
      expect(inRange('16.0.6965.2053', from, to)).to.equal(true)
      expect(inRange('16.0.6965.2057', from, to)).to.equal(true)
      expect(inRange('16.0.6965.2058', from, to)).to.equal(false)
      expect(inRange('16.0.6920.1000', from, from)).to.equal(false)
    })
  })

  describe('catalogue data', () => {
    it('parses every entry as a 16.0 build with a real date in the covered span', () => {
      for (const r of RELEASES) {
        const b = parseBuild(r.build)
        expect(b.slice(0, 2), r.build).to.deep.equal([16, 0])
        expect(formatBuild(b), r.build).to.equal(r.build)
        expect(r.date).to.match(/^\d{4}-\d{2}-\d{2}$/)
        expect(new Date(`${r.date}T00:00:00Z`).toISOString().slice(0, 10)).to.equal(r.date)
        expect(r.date >= '2015-12-11' && r.date <= CATALOGUE_LAST_DATE, r.date).to.equal(true)
        expect(CHANNEL_NAMES).to.include(r.channel)
        expect(r.version).to.match(/^1[56]\d\d$/)
      }
    })

    it('holds every row of the reference table (37 Current, 23 FRDC, 20 Deferred)', () => {
      const count = (c: Channel) => RELEASES.filter((r) => r.channel === c).length
      expect(count('Current')).to.equal(37)
      expect(count('FirstReleaseForDeferred')).to.equal(23)
      expect(count('Deferred')).to.equal(20)
      expect(RELEASES).to.have.length(80)
      expect(RELEASES.filter((r) => r.date.startsWith('2016'))).to.have.length(75)
    })

    it('includes the 2015-12-11 Current row and the 2017-01-04/10 rows', () => {
      const outside = RELEASES.filter((r) => !r.date.startsWith('2016'))
      expect(outside.map((r) => `${r.date} ${r.channel} ${r.version} ${r.build}`)).to.deep.equal([
        '2015-12-11 Current 1511 16.0.6366.2036',
        '2017-01-04 Current 1611 16.0.7571.2109',
        '2017-01-10 FirstReleaseForDeferred 1609 16.0.7369.2102',
        '2017-01-10 Deferred 1605 16.0.6965.2117',
        '2017-01-10 Deferred 1602 16.0.6741.2105',
      ])
    })

    it('is in date order, and in date order within each channel', () => {
      for (let i = 1; i < RELEASES.length; i++) {
        const [a, b] = [RELEASES[i - 1], RELEASES[i]]
        expect(a!.date <= b!.date, `${a!.date} then ${b!.date}`).to.equal(true)
      }
      for (const channel of CHANNEL_NAMES) {
        const dates = RELEASES.filter((r) => r.channel === channel).map((r) => r.date)
        expect(dates, channel).to.deep.equal([...dates].sort())
      }
    })

    it('has no entry twice', () => {
      const keys = RELEASES.map((r) => `${r.date} ${r.channel} ${r.build}`)
      expect(new Set(keys).size).to.equal(keys.length)
    })

    it('ships two builds on one day only in Deferred, and then of two different versions', () => {
      const byDay = new Map<string, string[]>()
      for (const r of RELEASES) {
        const key = `${r.date} ${r.channel}`
        byDay.set(key, [...(byDay.get(key) ?? []), r.version])
      }
      const doubles = [...byDay].filter(([, versions]) => versions.length > 1)
      expect(doubles).to.have.length(8)
      for (const [key, versions] of doubles) {
        expect(key).to.match(/ Deferred$/)
        expect(new Set(versions).size, key).to.equal(versions.length)
      }
    })

    it('maps each version to one fork number, forks rising with the version', () => {
      const fork = new Map<string, number>()
      for (const r of RELEASES) {
        const n = parseBuild(r.build)[2]
        expect(fork.get(r.version) ?? n, `${r.version} ${r.build}`).to.equal(n)
        fork.set(r.version, n)
      }
      const versions = [...fork.keys()].sort()
      const forks = versions.map((v) => fork.get(v)!)
      expect(forks).to.deep.equal([...forks].sort((a, b) => a - b))
      expect(Object.fromEntries(fork)).to.include({ '1602': 6741, '1604': 6868, '1605': 6965 })
    })

    it('only raises the build of a version within a channel', () => {
      for (const channel of CHANNEL_NAMES) {
        const last = new Map<string, string>()
        for (const r of RELEASES.filter((x) => x.channel === channel)) {
          const prev = last.get(r.version)
          if (prev) expect(compareBuilds(r.build, prev), `${channel} ${r.build}`).to.equal(1)
          last.set(r.version, r.build)
        }
      }
    })

    it('names the channels as they were called in 2016, with their later names', () => {
      expect(CHANNELS.Current.laterName).to.equal('Monthly Channel')
      expect(CHANNELS.FirstReleaseForDeferred.laterName).to.equal('Semi-Annual Channel (Targeted)')
      expect(CHANNELS.Deferred.laterName).to.equal('Semi-Annual Channel')
      expect(CHANNELS.Deferred.renamed).to.equal('January 2018')
    })

    it('cannot be changed at run time', () => {
      expect(Object.isFrozen(RELEASES)).to.equal(true)
      expect(RELEASES.every((r) => Object.isFrozen(r))).to.equal(true)
    })
  })

  describe('releasesOf / isKnownBuild', () => {
    it('finds 16.0.6965.2058 in Current and FRDC on 2016-06-14', () => {
      const releases = releasesOf('16.0.6965.2058')
      expect(releases.map((r) => [r.date, r.channel, r.version])).to.deep.equal([
        ['2016-06-14', 'Current', '1605'],
        ['2016-06-14', 'FirstReleaseForDeferred', '1605'],
      ])
      expect(isKnownBuild(parseBuild('16.0.6965.2058'))).to.equal(true)
    })

    it('finds a build shipped on different days in two channels', () => {
      expect(releasesOf('16.0.6741.2017').map((r) => `${r.date} ${r.channel}`)).to.deep.equal([
        '2016-03-16 FirstReleaseForDeferred',
        '2016-03-17 Current',
      ])
      expect(releasesOf('16.0.6001.1061').map((r) => r.channel)).to.deep.equal([
        'FirstReleaseForDeferred',
        'Deferred',
      ])
    })

    it('finds a build of a single release, matching numerically', () => {
      expect(releasesOf('16.0.6965.2053').map((r) => `${r.date} ${r.channel}`)).to.deep.equal([
        '2016-06-06 Current',
      ])
      expect(releasesOf('16.0.06965.2092').map((r) => `${r.date} ${r.channel}`)).to.deep.equal([
        '2016-10-11 Deferred',
      ])
    })

    it('returns nothing for builds no public channel shipped', () => {
      for (const b of ['16.0.6701.1000', '16.0.6920.1000', '16.0.6965.2054', '15.0.4833.1000']) {
        expect(releasesOf(b), b).to.deep.equal([])
        expect(isKnownBuild(b), b).to.equal(false)
      }
    })

    it('throws on malformed text', () => {
      expect(() => releasesOf('6965.2058')).to.throw(/"6965.2058"/)
    })
  })

  describe('installedBuild', () => {
    it('Current: none before 2015-12-11, then the latest release on or before the day', () => {
      expect(installed('Current', '2015-12-10')).to.equal(undefined)
      expect(installed('Current', '2015-12-11')).to.equal('16.0.6366.2036')
      expect(installed('Current', '2016-06-05')).to.equal('16.0.6868.2067')
      expect(installed('Current', '2016-06-06')).to.equal('16.0.6965.2053')
      expect(installed('Current', '2016-06-10')).to.equal('16.0.6965.2053')
      expect(installed('Current', '2016-06-13')).to.equal('16.0.6965.2053')
      expect(installed('Current', '2016-06-14')).to.equal('16.0.6965.2058')
      expect(installed('Current', '2016-12-31')).to.equal('16.0.7571.2075')
    })

    it('First Release for Deferred: none before 2016-01-12; 6741.2047 on 2016-06-10', () => {
      expect(installed('FirstReleaseForDeferred', '2015-12-31')).to.equal(undefined)
      expect(installed('FirstReleaseForDeferred', '2016-01-12')).to.equal('16.0.6001.1054')
      expect(installed('FirstReleaseForDeferred', '2016-03-07')).to.equal('16.0.6001.1061')
      expect(installed('FirstReleaseForDeferred', '2016-03-08')).to.equal('16.0.6741.2014')
      expect(installed('FirstReleaseForDeferred', '2016-06-06')).to.equal('16.0.6741.2042')
      expect(installed('FirstReleaseForDeferred', '2016-06-10')).to.equal('16.0.6741.2047')
      expect(installed('FirstReleaseForDeferred', '2016-06-14')).to.equal('16.0.6965.2058')
    })

    it('Deferred: none before 2016-02-09; 6001.1078 on 2016-06-10', () => {
      expect(installed('Deferred', '2016-02-08')).to.equal(undefined)
      expect(installed('Deferred', '2016-02-09')).to.equal('16.0.6001.1061')
      expect(installed('Deferred', '2016-06-10')).to.equal('16.0.6001.1078')
      expect(installed('Deferred', '2016-10-10')).to.equal('16.0.6741.2071')
    })

    it('Deferred, two builds on one day: the highest (newest version) wins', () => {
      expect(installed('Deferred', '2016-06-14')).to.equal('16.0.6741.2048')
      expect(installed('Deferred', '2016-10-11')).to.equal('16.0.6965.2092')
      expect(installedVersion('Deferred', '2016-10-11')).to.equal('1605')
      expect(installed('Deferred', '2016-12-13')).to.equal('16.0.6965.2115')
    })

    it('stays at the last known build after the catalogue ends', () => {
      expect(installed('Current', '2018-01-01')).to.equal('16.0.7571.2109')
      expect(installed('FirstReleaseForDeferred', CATALOGUE_LAST_DATE)).to.equal('16.0.7369.2102')
      expect(installed('Deferred', '2017-02-01')).to.equal('16.0.6965.2117')
    })

    it('takes a Date or an ISO date-time by its UTC day; a release counts from 00:00 UTC', () => {
      expect(installed('Current', new Date('2016-06-14T00:00:00Z'))).to.equal('16.0.6965.2058')
      expect(installed('Current', new Date('2016-06-13T23:59:59.999Z'))).to.equal('16.0.6965.2053')
      expect(installed('Current', '2016-06-14T09:00:00Z')).to.equal('16.0.6965.2058')
      expect(installed('Current', '2016-06-14T01:00:00+02:00')).to.equal('16.0.6965.2053')
    })

    it('installedRelease gives the whole release', () => {
      expect(installedRelease('FirstReleaseForDeferred', '2016-07-01')).to.deep.equal({
        date: '2016-06-30',
        channel: 'FirstReleaseForDeferred',
        version: '1605',
        build: '16.0.6965.2063',
      })
      expect(installedRelease('Deferred', '2016-01-01')).to.equal(undefined)
    })

    it('throws on a date or channel it does not understand', () => {
      for (const date of ['2016-02-30', '2016-13-01', '10 June 2016', '', '2016-6-10']) {
        expect(() => installedBuild('Current', date), date).to.throw(/Not a date/)
      }
      expect(() => installedBuild('Current', new Date(NaN))).to.throw(/Not a date/)
      expect(() => installedBuild('Monthly' as Channel, '2016-06-10')).to.throw(
        /Not a channel: "Monthly"/,
      )
    })
  })

  describe('facts', () => {
    it('holds the thresholds of the doc and the Drafts fix', () => {
      expect(formatBuild(OFFLINE_IM_MIN_BUILD)).to.equal('16.0.6701.1000')
      expect(formatBuild(ON_PREMISES_MIN_BUILD)).to.equal('16.0.6920.1000')
      expect(formatBuild(DRAFTS_FIX_BUILD)).to.equal('16.0.6965.2058')
      expect(DRAFTS_FIX_DATE).to.equal('2016-06-14')
    })

    it('offline IM at all: 16.0.6701.999 no, 16.0.6701.1000 yes', () => {
      expect(buildFacts('16.0.6701.999').offlineImCapable).to.equal(false)
      expect(buildFacts('16.0.6701.1000').offlineImCapable).to.equal(true)
      expect(buildFacts('16.0.6001.1078').offlineImCapable).to.equal(false)
      expect(buildFacts('16.0.6741.2014').offlineImCapable).to.equal(true)
      expect(buildFacts('15.0.4833.1000').offlineImCapable).to.equal(false)
    })

    it('on-premises: 16.0.6920.999 no, 16.0.6920.1000 yes', () => {
      const below = buildFacts('16.0.6920.999')
      expect([below.offlineImCapable, below.onPremisesCapable]).to.deep.equal([true, false])
      expect(buildFacts('16.0.6920.1000').onPremisesCapable).to.equal(true)
      expect(buildFacts('16.0.6868.2067').onPremisesCapable).to.equal(false)
    })

    it('two-step send exactly in [16.0.6920.1000, 16.0.6965.2058)', () => {
      const twoStep = (b: string) => buildFacts(b).twoStepSendOnPremises
      expect(twoStep('16.0.6701.1000')).to.equal(false)
      expect(twoStep('16.0.6920.999')).to.equal(false)
      expect(twoStep('16.0.6920.1000')).to.equal(true)
      expect(twoStep('16.0.6965.2053')).to.equal(true)
      expect(twoStep('16.0.6965.2057')).to.equal(true)
      expect(twoStep('16.0.6965.2058')).to.equal(false)
      expect(twoStep('16.0.6965.2092')).to.equal(false)
      expect(twoStep('17.0.0.0')).to.equal(false)
    })

    it('16.0.6965.2092 (Deferred 1605) is a fixed, known build', () => {
      const f = buildFacts('16.0.6965.2092')
      expect(f).to.include({
        build: '16.0.6965.2092',
        offlineImCapable: true,
        onPremisesCapable: true,
        twoStepSendOnPremises: false,
        known: true,
      })
      expect(f.releases.map((r) => `${r.date} ${r.channel}`)).to.deep.equal(['2016-10-11 Deferred'])
      expect(f.reasons.known).to.equal('16.0.6965.2092 released: Deferred 1605 on 2016-10-11')
    })

    it('16.0.6920.1000 is unknown and judged numerically', () => {
      const f = buildFacts('16.0.6920.1000')
      expect(f).to.include({ known: false, onPremisesCapable: true, twoStepSendOnPremises: true })
      expect(f.releases).to.deep.equal([])
      expect(f.reasons.known).to.match(/^16\.0\.6920\.1000 is in no public channel table/)
    })

    it('gives a one-line reason for each answer, naming the build and the threshold', () => {
      const bug = buildFacts('16.0.6965.2053')
      expect(bug.reasons.offlineImCapable).to.equal(
        '16.0.6965.2053 >= 16.0.6701.1000: offline IM available',
      )
      expect(bug.reasons.onPremisesCapable).to.match(/^16\.0\.6965\.2053 >= 16\.0\.6920\.1000: /)
      expect(bug.reasons.twoStepSendOnPremises).to.match(
        /^16\.0\.6965\.2053 is in \[16\.0\.6920\.1000, 16\.0\.6965\.2058\): .*SaveOnly.*SendItem/,
      )
      expect(bug.reasons.known).to.equal('16.0.6965.2053 released: Current 1605 on 2016-06-06')

      const old = buildFacts('16.0.6001.1082')
      expect(old.reasons.offlineImCapable).to.match(/^16\.0\.6001\.1082 < 16\.0\.6701\.1000: /)
      expect(old.reasons.onPremisesCapable).to.match(/^16\.0\.6001\.1082 < 16\.0\.6920\.1000: /)
      expect(old.reasons.twoStepSendOnPremises).to.match(/no two-step send$/)

      const fixed = buildFacts('16.0.6965.2058')
      expect(fixed.reasons.twoStepSendOnPremises).to.match(
        /^16\.0\.6965\.2058 >= 16\.0\.6965\.2058 \(released 2016-06-14\): .*SendAndSaveCopy/,
      )
      expect(fixed.reasons.known).to.equal(
        '16.0.6965.2058 released: Current 1605 on 2016-06-14; FirstReleaseForDeferred 1605 on 2016-06-14',
      )
      for (const f of [bug, old, fixed]) {
        for (const line of Object.values(f.reasons)) expect(line).not.to.include('\n')
      }
    })

    it('normalises the build it is given', () => {
      expect(buildFacts(parseBuild('16.0.06965.2058')).build).to.equal('16.0.6965.2058')
      expect(() => buildFacts('16.0.6965')).to.throw(/Not a build number/)
    })
  })

  describe('the catalogue agrees with the facts (reference §2.3-2.4)', () => {
    const firstAtLeast = (threshold: Build) =>
      RELEASES.find((r) => compareBuilds(r.build, threshold) >= 0)

    it('first public build >= 6701.1000 is FRDC 6741.2014 (2016-03-08)', () => {
      expect(firstAtLeast(OFFLINE_IM_MIN_BUILD)).to.include({
        date: '2016-03-08',
        channel: 'FirstReleaseForDeferred',
        build: '16.0.6741.2014',
      })
    })

    it('first public build >= 6920.1000 is Current 6965.2053 (2016-06-06)', () => {
      expect(firstAtLeast(ON_PREMISES_MIN_BUILD)).to.include({
        date: '2016-06-06',
        channel: 'Current',
        build: '16.0.6965.2053',
      })
    })

    it('the only public build in the two-step window is 16.0.6965.2053', () => {
      const inWindow = RELEASES.filter((r) => buildFacts(r.build).twoStepSendOnPremises)
      expect(inWindow.map((r) => r.build)).to.deep.equal(['16.0.6965.2053'])
    })

    it('the fix build first shipped on DRAFTS_FIX_DATE', () => {
      expect(releasesOf(DRAFTS_FIX_BUILD).map((r) => r.date)).to.deep.equal([
        DRAFTS_FIX_DATE,
        DRAFTS_FIX_DATE,
      ])
    })

    it('"fixed in all C2R channels as of 6/14/2016": no release from that day sends in two steps', () => {
      const after = RELEASES.filter((r) => r.date >= DRAFTS_FIX_DATE)
      expect(after.length).to.be.greaterThan(40)
      for (const r of after)
        expect(buildFacts(r.build).twoStepSendOnPremises, r.build).to.equal(false)
      for (const channel of CHANNEL_NAMES) {
        const b = installedBuild(channel, DRAFTS_FIX_DATE)!
        expect(buildFacts(b).twoStepSendOnPremises, channel).to.equal(false)
      }
    })

    it('every release announcing "Offline messaging" can use it on-premises', () => {
      const announcing = RELEASES.filter((r) =>
        r.notes?.some((n) => n.startsWith('Offline messaging:')),
      )
      expect(announcing.map((r) => `${r.channel} ${r.build}`)).to.deep.equal([
        'Current 16.0.6965.2053',
        'FirstReleaseForDeferred 16.0.6965.2058',
        'Deferred 16.0.6965.2092',
      ])
      for (const r of announcing) expect(buildFacts(r.build).onPremisesCapable).to.equal(true)
    })

    it('every release-note line is modelled or marked not modelled with a reason', () => {
      const lines = new Set(RELEASES.flatMap((r) => r.notes ?? []))
      expect(lines.size).to.equal(6)
      for (const line of lines) {
        const effect = NOTE_EFFECTS[line]
        expect(effect, line).to.not.equal(undefined)
        const why = effect && ('modelled' in effect ? effect.modelled : effect.notModelled)
        expect(why, line).to.be.a('string').with.length.above(20)
      }
    })

    it('16.0.7571.2072 (2016-12-06) shows the missed unread count, keeps the initial IM and drops empty messages; 16.0.7466.2038 does none of these', () => {
      expect(buildFacts('16.0.7571.2072')).to.include({
        showsMissedUnreadCount: true,
        includesInitialIm: true,
        dropsEmptyMessages: true,
      })
      expect(buildFacts('16.0.7466.2038')).to.include({
        showsMissedUnreadCount: false,
        includesInitialIm: false,
        dropsEmptyMessages: false,
      })
    })
  })
})
