// The HTML report's page on hand-made results: no script, the style pinned by its hash in the
// Content-Security-Policy, every text escaped. (How it looks: test/integration/html-report-browser.)
import { createHash } from 'node:crypto'
import { expect } from 'chai'
import { htmlReport } from '../../../scenarios/runner/html/report.ts'
import { esc } from '../../../scenarios/runner/html/page.ts'
import type { ScenarioResult } from '../../../scenarios/runner/model.ts'

const hostile: ScenarioResult = {
  file: '/x/scenarios/<b>.yaml',
  name: `<script>alert(1)</script><img src=x onerror=alert(2)> & "q" 'a'\u0001`,
  passed: false,
  durationMs: 3,
  stepsRun: 0,
  failure: {
    at: { file: '/x/scenarios/<b>.yaml', line: 2, column: 1 },
    message: '</dd><script>alert(3)</script>',
    trace: [{ user: 'a@b', events: ['<iframe src=javascript:alert(4)>'] }],
  },
}

describe('HTML report page', () => {
  const html = htmlReport([hostile], 10)

  it('has no script and a policy that allows only its own style, by hash', () => {
    expect(html).to.not.match(/<script|<img|<iframe/i)
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1]
    const hash = createHash('sha256').update(style!).digest('base64')
    expect(csp).to.equal(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`,
    )
    expect(html.match(/<style>/g)).to.have.length(1)
    expect(html).to.not.match(/ style=/)
  })

  it('escapes every text from a scenario and drops characters HTML forbids', () => {
    expect(html).to.include(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot; &#39;a&#39;</h2>',
    )
    expect(html).to.include('&lt;/dd&gt;&lt;script&gt;alert(3)&lt;/script&gt;')
    expect(html).to.include('&lt;iframe src=javascript:alert(4)&gt;')
    expect(html).to.not.include('\u0001')
    expect(esc('a\u0000b\u007fc\uD800d\te')).to.equal('abcd\te')
  })
})
