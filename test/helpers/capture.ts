/**
 * Captures every SOAP answer the tests produce, for the schema conformance check
 * (scripts/conformance.ts). Active only when EWS_CAPTURE_DIR is set; writes one file per answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SoapExchange } from '../../mock-ews/index.ts'

const dir = process.env.EWS_CAPTURE_DIR
let count = 0
if (dir) mkdirSync(dir, { recursive: true })

/** An `observe` hook for createEwsApp; a no-op unless capturing. */
export function captureExchange(exchange: SoapExchange): void {
  if (!dir || exchange.deliberatelyBroken) return
  const name = `${process.pid}-${String(++count).padStart(5, '0')}-${exchange.operation || 'unknown'}-${exchange.status}.xml`
  writeFileSync(join(dir, name), exchange.responseBody)
}
