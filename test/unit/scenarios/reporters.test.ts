// Reporters on hand-made results: spec text, JUnit XML (well-formed, counts, escaping), JSON.
import { DOMParser } from '@xmldom/xmldom'
import { expect } from 'chai'
import type { ScenarioResult } from '../../../scenarios/runner/model.ts'
import {
  failureText,
  jsonReport,
  junitReport,
  specLine,
  specSummary,
} from '../../../scenarios/runner/reporters.ts'

const pass: ScenarioResult = {
  file: '/x/scenarios/ok.yaml',
  name: 'delivered',
  passed: true,
  durationMs: 12.4,
  stepsRun: 3,
}
const fail: ScenarioResult = {
  file: '/x/scenarios/bad.yaml',
  name: 'a <hostile> & "quoted" name\u0001',
  passed: false,
  durationMs: 1500,
  stepsRun: 2,
  failure: {
    at: { file: '/x/scenarios/bad.yaml', line: 12, column: 7 },
    message: "expected 1 matching item(s) in bob@contoso.com's inbox, found 0 matching of 0: ",
    expectation: {
      expectation: {
        kind: 'spooler',
        user: 'alice@contoso.com',
        count: { exact: 0 },
        contains: undefined,
        at: { file: '/x/scenarios/bad.yaml', line: 12, column: 7 },
        source: 'spooler: {"user":"alice@contoso.com","count":0}',
      },
      expected: "0 entries in alice@contoso.com's History Spooler",
      found: '1 (of 1 files)',
    },
    trace: [{ user: 'alice@contoso.com', events: ['09:02:00 spool.keep entry=alice-1-1'] }],
  },
}

describe('scenario reporters', () => {
  it('spec: a line per scenario, and the failure with position, expectation, found and trace', () => {
    expect(specLine(pass)).to.match(/^✔ delivered \(.*ok\.yaml, 12 ms\)$/)
    expect(specLine(fail)).to.match(/^✘ a <hostile>/)
    const text = failureText(fail)
    expect(text).to.include('bad.yaml:12:7')
    expect(text).to.include('expectation: spooler: {"user":"alice@contoso.com","count":0}')
    expect(text).to.include("expected:    0 entries in alice@contoso.com's History Spooler")
    expect(text).to.include('found:       1 (of 1 files)')
    expect(text).to.include(
      'last trace events of alice@contoso.com:\n    09:02:00 spool.keep entry=alice-1-1',
    )
    expect(specSummary([pass, fail], 2000)).to.match(/1 passing, 1 failing \(2000 ms\)\n$/)
    expect(specSummary([pass], 5)).to.equal('\n1 passing, 0 failing (5 ms)\n')
  })

  it('junit: well-formed XML with counts, times and escaped failure text', () => {
    const text = junitReport([pass, fail], 2000)
    const errors: string[] = []
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message)
      },
    }).parseFromString(text, 'text/xml')
    expect(errors).to.deep.equal([])
    const suite = doc.getElementsByTagName('testsuite')[0]!
    expect(suite.getAttribute('tests')).to.equal('2')
    expect(suite.getAttribute('failures')).to.equal('1')
    const cases = doc.getElementsByTagName('testcase')
    expect(cases.length).to.equal(2)
    expect(cases[0]!.getAttribute('time')).to.equal('0.012')
    expect(cases[1]!.getAttribute('name')).to.equal('a <hostile> & "quoted" name')
    const failure = cases[1]!.getElementsByTagName('failure')[0]!
    expect(failure.getAttribute('message')).to.include("bob@contoso.com's inbox")
    expect(failure.textContent).to.include('found:       1 (of 1 files)')
    expect(cases[0]!.getElementsByTagName('failure').length).to.equal(0)
  })

  it('json: counts and the results as data', () => {
    const data = JSON.parse(jsonReport([pass, fail])) as {
      passed: number
      failed: number
      results: ScenarioResult[]
    }
    expect(data.passed).to.equal(1)
    expect(data.failed).to.equal(1)
    expect(data.results[1]!.failure!.at.line).to.equal(12)
  })

  it('spec: progress lines cut to the width given, the failure details wrapped without losing a word', () => {
    const long: ScenarioResult = {
      ...fail,
      name: `a scenario with a very long name ${'word '.repeat(30)}end`,
      failure: {
        ...fail.failure!,
        message: 'm',
        expectation: { ...fail.failure!.expectation!, found: `${'found '.repeat(40)}last` },
      },
    }
    const line = specLine(long, 100)
    expect([...line]).to.have.length(100)
    expect(line).to.match(/^✘ a scenario with a very long name .*…$/)
    expect(specLine(pass, 100)).to.equal(specLine(pass)) // short lines untouched
    const summary = specSummary([long], 5, 100)
    for (const l of summary.split('\n')) expect([...l].length, l).to.be.at.most(100)
    const words = (text: string): string[] => text.split(/\s+/).filter(Boolean)
    expect(words(summary)).to.deep.equal(words(specSummary([long], 5)))
    // The full text is still in the reports for machines.
    expect(junitReport([long], 5)).to.contain(`${'found '.repeat(40)}last`)
  })

  it('spec: a file that did not load is named by its path once, with no position it does not have', () => {
    const broken: ScenarioResult = {
      file: '/x/scenarios/broken.yaml',
      name: '/x/scenarios/broken.yaml',
      passed: false,
      durationMs: 0,
      stepsRun: 0,
      failure: {
        at: { file: '/x/scenarios/broken.yaml', line: 0, column: 0 },
        message: 'EACCES',
        trace: [],
      },
    }
    expect(specLine(broken)).to.match(/^✘ \S*broken\.yaml \(does not load\)$/)
    expect(failureText(broken)).to.not.match(/:0:0|:1:1/)
    expect(specSummary([broken], 1).match(/broken\.yaml/g)).to.have.length(2)
  })
})
