/**
 * Where the client keeps its per-user files under LocalAppData, as the documentation names them
 * (reference/sfb-offline-im.md §1, §3 "Folder name on disk"):
 * `<LocalAppData>/Microsoft/Office/16.0/Lync/sip_<user@domain>/History Spooler/`, and the trace
 * beside it in `…/sip_<user@domain>/Tracing/offline-im.jsonl` (standing in for the ETL log).
 */
import { join } from 'node:path'

export function userFolder(localAppData: string, address: string): string {
  return join(localAppData, 'Microsoft', 'Office', '16.0', 'Lync', `sip_${address.toLowerCase()}`)
}

export function historySpoolerFolder(localAppData: string, address: string): string {
  return join(userFolder(localAppData, address), 'History Spooler')
}

export function traceFile(localAppData: string, address: string): string {
  return join(userFolder(localAppData, address), 'Tracing', 'offline-im.jsonl')
}
