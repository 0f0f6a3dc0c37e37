/**
 * Tasks (`t:Task`, IPM.Task): the item's own data, one sub-record of ItemFields (`task`).
 * Immutable. Status and PercentComplete follow each other as Exchange keeps them: Completed is
 * 100 percent (and sets CompleteDate), 100 percent is Completed, a start moves NotStarted to
 * InProgress; a CompleteDate completes the task.
 */
import type { KindValueType } from './contacts.ts'

export const TASK_STATUSES = [
  'NotStarted',
  'InProgress',
  'Completed',
  'WaitingOnOthers',
  'Deferred',
] as const

/** The t:TaskType elements mock-ews stores, in schema order. */
export const TASK_STORED: readonly (readonly [string, KindValueType])[] = [
  ['ActualWork', 'int'],
  ['BillingInformation', 'string'],
  ['Companies', 'strings'],
  ['CompleteDate', 'date'],
  ['Contacts', 'strings'],
  ['DueDate', 'date'],
  ['Mileage', 'string'],
  ['PercentComplete', 'double'],
  ['StartDate', 'date'],
  ['Status', TASK_STATUSES],
  ['TotalWork', 'int'],
]

/** Elements Exchange works out (read-only), in schema order, with how mock-ews writes them. */
export const TASK_COMPUTED = [
  'ChangeCount',
  'IsComplete',
  'IsRecurring',
  'Owner',
  'StatusDescription',
] as const

export interface TaskFields {
  readonly values: Readonly<Record<string, string | readonly string[]>>
}

export const ITEM_CLASS_TASK = 'IPM.Task'

/**
 * The task's values after a change, with Status, PercentComplete and CompleteDate kept in step;
 * `changed` names what the client set. `now` is xs:dateTime UTC.
 */
export function settleTask(
  values: Record<string, string | readonly string[]>,
  changed: ReadonlySet<string>,
  now: string,
): Record<string, string | readonly string[]> {
  const out = { ...values }
  const status = () => (out.Status as string | undefined) ?? 'NotStarted'
  const percent = () => Number(out.PercentComplete ?? '0')
  if (changed.has('CompleteDate') && !changed.has('Status')) out.Status = 'Completed'
  if (status() === 'Completed' && (changed.has('Status') || changed.has('CompleteDate')))
    out.PercentComplete = '100'
  else if (changed.has('PercentComplete')) {
    if (percent() === 100) out.Status = 'Completed'
    else if (percent() > 0 && status() === 'NotStarted') out.Status = 'InProgress'
    else if (percent() < 100 && status() === 'Completed') out.Status = 'InProgress'
  } else if (changed.has('Status') && status() === 'NotStarted') out.PercentComplete = '0'
  if (status() === 'Completed') out.CompleteDate ??= now
  else delete out.CompleteDate
  return out
}
