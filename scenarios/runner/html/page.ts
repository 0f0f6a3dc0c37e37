/**
 * One self-contained HTML page (decision 0044): no script at all, one <style> allowed by its hash,
 * and a Content-Security-Policy that loads nothing from anywhere. Every piece of text from a
 * scenario or a mailbox goes through `esc`: it is text, never markup.
 */
import { createHash } from 'node:crypto'

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
h2 { font-size: 1.1em; margin: 0; }
h3 { font-size: 1em; margin: .4em 0 0; }
.summary, .where, .legend, .note { color: #555; }
.scenario, .variant { border: 1px solid #ddd; border-radius: 6px; padding: .8em 1em; margin: 1em 0; }
.scenario.failed { border-color: #c92a2a; }
.verdict.ok, .passed > h2 .mark { color: #2b8a3e; }
.verdict.bad, .failed > h2 .mark { color: #c92a2a; }
.chart { overflow-x: auto; }
.chart svg { display: block; }
.failure-detail { background: #fff5f5; border-left: 4px solid #c92a2a; padding: .5em .8em; margin: .6em 0; }
.failure-detail dt { font-weight: 600; }
.failure-detail dd { margin: 0 0 .3em 1em; white-space: pre-wrap; word-break: break-word; }
pre, code, td.mono { font-family: ui-monospace, monospace; font-size: 12px; }
pre { white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #eee; padding: 2px 8px; text-align: left; vertical-align: top; }
.bad-call { color: #c92a2a; }
.toc li.failed a { color: #c92a2a; }
.variants { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1em; }
.legend span { margin-right: 1.2em; }
.legend .spooler { color: #7b3fa0; } .legend .drafts { color: #d9480f; }
.legend .inbox { color: #1c6dd0; } .legend .conversationhistory { color: #2b8a3e; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
svg .axis text { fill: #666; }
svg .grid { stroke: #eee; }
svg .lane-label { font-weight: 600; }
svg .series { fill: none; stroke-width: 2; }
svg .spooler { stroke: #7b3fa0; fill: #7b3fa0; } svg .drafts { stroke: #d9480f; fill: #d9480f; }
svg .inbox { stroke: #1c6dd0; fill: #1c6dd0; }
svg .conversationhistory { stroke: #2b8a3e; fill: #2b8a3e; }
svg .series.spooler, svg .series.drafts, svg .series.inbox, svg .series.conversationhistory { fill: none; }
svg .step circle { fill: #fff; stroke: #555; }
svg .step.expect circle { stroke: #2b8a3e; }
svg .step.failed circle { stroke: #c92a2a; fill: #ffe3e3; }
svg .step text { font-size: 9px; text-anchor: middle; }
svg .span { stroke: #bbb; stroke-width: 3; }
svg .call.ok { fill: #2b8a3e; } svg .call.error { fill: #c92a2a; } svg .call.fault { stroke: #f08c00; stroke-width: 2; }
svg .call-label { font-size: 8px; } svg .call-label.ok { fill: #2b8a3e; } svg .call-label.error { fill: #c92a2a; }
svg .events rect { fill: #868e96; }
svg .failure line { stroke: #c92a2a; stroke-width: 2; stroke-dasharray: 4 3; }
svg .failure rect { fill: #fff5f5; stroke: #c92a2a; }
svg .failure text { fill: #c92a2a; }
svg .break { fill: #999; font-style: italic; }
`

const HASH = createHash('sha256').update(STYLE).digest('base64')

/** The Content-Security-Policy of every report: nothing but the one style block. */
export const CSP = `default-src 'none'; style-src 'sha256-${HASH}'; base-uri 'none'; form-action 'none'`

/** Text as HTML text or attribute value; characters HTML forbids (C0 controls but tab and new lines, lone surrogates) are dropped. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** The whole page: `body` is markup built by this folder's renderers (text in it went through esc). */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`
}

/** `HH:MM:SS` of an ISO time (virtual time is UTC). */
export const clockTime = (iso: string): string => iso.slice(11, 19)
