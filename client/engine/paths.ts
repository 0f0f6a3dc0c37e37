/**
 * Where the client keeps its per-user files under LocalAppData, as the documentation names them
 * (reference/sfb-offline-im.md §1, §3 "Folder name on disk"):
 * `<LocalAppData>/Microsoft/Office/16.0/Lync/sip_<sip address>/History Spooler/`, and the trace
 * beside it in `…/sip_<sip address>/Tracing/offline-im.jsonl` (standing in for the ETL log). The
 * folder is named from the user's SIP address (the doc's `SipUserAddress`), which can differ from
 * the SMTP address; callers pass the SIP address.
 */
import { join } from 'node:path'

export function userFolder(localAppData: string, sipAddress: string): string {
  const sip = sipAddress.replace(/^sip:/i, '').toLowerCase()
  return join(localAppData, 'Microsoft', 'Office', '16.0', 'Lync', `sip_${sip}`)
}

export function historySpoolerFolder(localAppData: string, sipAddress: string): string {
  return join(userFolder(localAppData, sipAddress), 'History Spooler')
}

export function traceFile(localAppData: string, sipAddress: string): string {
  return join(userFolder(localAppData, sipAddress), 'Tracing', 'offline-im.jsonl')
}
