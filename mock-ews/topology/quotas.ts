/**
 * Quotas and subscriptions: the per-mailbox storage quotas, message-size limits and notification
 * subscription budget Exchange applies (Set-Mailbox / Set-MailboxDatabase IssueWarningQuota,
 * ProhibitSendQuota, ProhibitSendReceiveQuota; Set-TransportConfig / Set-Mailbox MaxSendSize,
 * MaxReceiveSize; Set-ThrottlingPolicy EWSMaxSubscriptions). Each profile has defaults
 * (profiles.ts); an organisation and a user of the topology may override them (`quotas:`).
 * Sizes are bytes, as Exchange counts them: the sum of the stored items' sizes.
 */
import type { Path, Reader } from './reader.ts'

export interface Quotas {
  /** Above this, Exchange warns the owner (mock-ews reports nothing: see README "Quotas and subscriptions"). */
  issueWarningQuota: number
  /** Above this, sending is refused (ErrorQuotaExceeded). */
  prohibitSendQuota: number
  /** No write may take the mailbox above this: ErrorQuotaExceeded, and deliveries NDR. */
  prohibitSendReceiveQuota: number
  /** Largest message the owner may send (ErrorMessageSizeExceeded). */
  maxSendSize: number
  /** Largest message delivered to the owner (larger ones NDR to the sender). */
  maxReceiveSize: number
  /** Live pull subscriptions on the mailbox (EWSMaxSubscriptions, charged to the target mailbox). */
  maxSubscriptions: number
}

export type QuotaSpec = Partial<Quotas>

export const QUOTA_KEYS = [
  'issueWarningQuota',
  'prohibitSendQuota',
  'prohibitSendReceiveQuota',
  'maxSendSize',
  'maxReceiveSize',
  'maxSubscriptions',
] as const satisfies readonly (keyof Quotas)[]

const KB = 1024
const MB = KB * 1024
const GB = MB * 1024
const UNITS: Record<string, number> = { b: 1, kb: KB, mb: MB, gb: GB, tb: GB * 1024 }

/** Exchange's size syntax: `2GB`, `1.9 GB`, `512KB`, `10485760` (bytes), or `unlimited`. */
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?$/i

export function bytes(n: number, unit: 'KB' | 'MB' | 'GB'): number {
  return Math.round(n * { KB, MB, GB }[unit])
}

/** The quotas of a mailbox: the profile's, then the organisation's, then the user's overrides. */
export function effectiveQuotas(
  profile: Quotas,
  organisation: QuotaSpec | undefined,
  user: QuotaSpec | undefined,
): Quotas {
  return { ...profile, ...organisation, ...user }
}

/** Reads a `quotas:` mapping of a topology (organisation or user level). */
export function readQuotas(r: Reader, value: unknown, path: Path): QuotaSpec | undefined {
  if (value === undefined) return undefined
  const o = r.object(value, path, [...QUOTA_KEYS])
  const out: QuotaSpec = {}
  for (const key of QUOTA_KEYS) {
    if (o[key] === undefined) continue
    out[key] =
      key === 'maxSubscriptions'
        ? readCount(r, o[key], [...path, key])
        : readSize(r, o[key], [...path, key])
  }
  return out
}

function readSize(r: Reader, v: unknown, path: Path): number {
  const expected = 'a size such as 2GB, 1.9 GB, 512KB, a number of bytes, or unlimited'
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v
  if (typeof v !== 'string') return r.fail(path, expected)
  if (v.trim().toLowerCase() === 'unlimited') return Number.POSITIVE_INFINITY
  const m = SIZE.exec(v.trim())
  if (!m) return r.fail(path, expected)
  const n = Math.round(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!)
  return Number.isSafeInteger(n) ? n : r.fail(path, expected)
}

function readCount(r: Reader, v: unknown, path: Path): number {
  if (v === 'unlimited') return Number.POSITIVE_INFINITY
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v
  return r.fail(path, 'a whole number of subscriptions (0 or more), or unlimited')
}

/** A size for messages: `2.3 GB` style, as Exchange shows quotas. */
export function formatSize(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return 'unlimited'
  const [unit, size] = n >= GB ? ['GB', GB] : n >= MB ? ['MB', MB] : n >= KB ? ['KB', KB] : ['B', 1]
  return `${Number((n / size!).toFixed(2))} ${unit} (${n} bytes)`
}
