/**
 * What the engine's EWS work shares (pickup.ts, send-one-step.ts, send-two-step.ts, history.ts):
 * every EWS call goes to the trace with its request and its response, and a send attempt ends
 * either delivered or kept for the next tick with the reason.
 */
import { describeFailure, isUncertain } from '../ews/index.ts'
import type { EwsFailure, EwsResult, EwsTransport, FolderRef } from '../ews/index.ts'
import type { Clock } from './ports.ts'
import type { HistorySpooler } from './spooler.ts'
import type { TraceEventName } from './trace.ts'

export type Emit = (event: TraceEventName, fields?: Record<string, unknown>) => void

/** What a send path works with: EWS, the spool file of the entry, the clock and the trace. */
export interface SendStep {
  ews: EwsTransport
  spooler: HistorySpooler
  clock: Clock
  emit: Emit
  /** The sender's name in the offline IM's subject. */
  displayName: string
  /** The sender's Conversation History folder (history-folder.ts): the sent copy goes there. */
  historyFolder: FolderRef
  /** The build puts the first line of a conversation of several in the body (16.0.7571.2072 on). */
  includesInitialIm: boolean
}

/** How an attempt ended: delivered (the spool entry goes), or kept with why (it is retried). */
export type AttemptOutcome =
  { delivered: true } | { delivered: false; reason: string; failure?: EwsFailure | undefined }

export const DELIVERED: AttemptOutcome = { delivered: true }

/** The outcome of a failed call: kept, with the failure in words. */
export const keep = (failure: EwsFailure): AttemptOutcome => ({
  delivered: false,
  reason: describeFailure(failure),
  failure,
})

/** One EWS call with its request and response in the trace. */
export async function tracedEws<T>(
  emit: Emit,
  operation: string,
  fields: Record<string, unknown>,
  call: () => Promise<EwsResult<T>>,
): Promise<EwsResult<T>> {
  emit('ews.request', { operation, ...fields })
  const result = await call()
  const entry = fields.entry === undefined ? {} : { entry: fields.entry }
  emit(
    'ews.response',
    result.ok
      ? { operation, ...entry, responseCode: 'NoError' }
      : {
          operation,
          ...entry,
          responseCode: result.failure.kind === 'ews' ? result.failure.code : null,
          failure: describeFailure(result.failure),
          uncertain: isUncertain(result.failure),
        },
  )
  return result
}
