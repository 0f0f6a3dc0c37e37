/** Reads and writes a task's own elements (`t:Task`). */
import type { Element } from '../../soap/xml-tree.ts'
import { TASK_COMPUTED, TASK_STORED } from '../../domain/tasks.ts'
import type { TaskFields } from '../../domain/tasks.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { readKindValues, writeKindValue } from './kind-values.ts'
import type { KindValues } from './kind-values.ts'

export function readTask(el: Element): KindValues {
  const values = readKindValues(el, TASK_STORED)
  const percent = values.PercentComplete
  if (typeof percent === 'string' && !(Number(percent) >= 0 && Number(percent) <= 100))
    throw new EwsError(
      'ErrorInvalidPercentCompleteValue',
      `PercentComplete must be between 0 and 100, not ${percent}.`,
    )
  return values
}

/** What Exchange works out for a task's read-only elements. */
function computed(name: (typeof TASK_COMPUTED)[number], t: TaskFields): string | undefined {
  switch (name) {
    case 'ChangeCount':
      return '1'
    case 'IsComplete':
      return String(t.values.Status === 'Completed')
    case 'IsRecurring':
      return 'false'
    case 'Owner':
      return t.values.Owner as string | undefined
    case 'StatusDescription':
      return STATUS_TEXT[(t.values.Status as string | undefined) ?? 'NotStarted'] ?? 'Not Started'
  }
}

const STATUS_TEXT: Record<string, string> = {
  NotStarted: 'Not Started',
  InProgress: 'In Progress',
  Completed: 'Completed',
  WaitingOnOthers: 'Waiting on someone else',
  Deferred: 'Deferred',
}

/** Schema order of every element written (stored and computed). */
const ORDER = [
  'ActualWork',
  'BillingInformation',
  'ChangeCount',
  'Companies',
  'CompleteDate',
  'Contacts',
  'DueDate',
  'IsComplete',
  'IsRecurring',
  'Mileage',
  'Owner',
  'PercentComplete',
  'StartDate',
  'Status',
  'StatusDescription',
  'TotalWork',
] as const

/** Writes the task's elements the shape selects, in schema order; Status and PercentComplete always have a value. */
export function renderTask(
  el: XmlElement,
  t: TaskFields,
  selected: (name: string) => boolean,
): void {
  for (const name of ORDER) {
    if (!selected(name)) continue
    if ((TASK_COMPUTED as readonly string[]).includes(name))
      writeKindValue(el, name, computed(name as (typeof TASK_COMPUTED)[number], t))
    else if (name === 'Status') writeKindValue(el, name, t.values.Status ?? 'NotStarted')
    else if (name === 'PercentComplete') writeKindValue(el, name, t.values.PercentComplete ?? '0')
    else writeKindValue(el, name, t.values[name])
  }
}
