/** A user's `workingHours` in the topology file (GetUserAvailability; docs/decisions/0062). */
import { isWindowsZone } from '../domain/time-zones.ts'
import type { Path, Reader } from './reader.ts'
import type { WorkingHoursSpec } from './topology.ts'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

/** `workingHours`: a Windows time zone, `start` / `end` as hh:mm, `days` (default: weekdays). */
export function readWorkingHours(r: Reader, value: unknown, path: Path): WorkingHoursSpec {
  const w = r.object(value, path, ['timeZone', 'start', 'end', 'days'])
  const zone =
    w.timeZone === undefined
      ? 'UTC'
      : r.string(
          w.timeZone,
          [...path, 'timeZone'],
          'a Windows time zone id such as W. Europe Standard Time',
        )
  if (!isWindowsZone(zone))
    r.fail([...path, 'timeZone'], 'a Windows time zone id such as W. Europe Standard Time')
  const time = (key: 'start' | 'end', fallback: string): number => {
    const t =
      w[key] === undefined ? fallback : r.string(w[key], [...path, key], 'a time hh:mm', HH_MM)
    const [h, m] = t.split(':').map(Number)
    return h! * 60 + m!
  }
  const start = time('start', '08:00')
  const end = time('end', '17:00')
  if (end <= start) r.fail([...path, 'end'], 'a time after start')
  const days =
    w.days === undefined
      ? WEEKDAYS.slice(1, 6)
      : r.array(w.days, [...path, 'days'], 1).map((d, i) => {
          const day = r.string(d, [...path, 'days', i], `one of ${WEEKDAYS.join(', ')}`)
          if (!WEEKDAYS.includes(day)) r.fail([...path, 'days', i], `one of ${WEEKDAYS.join(', ')}`)
          return day
        })
  return { timeZone: zone, start, end, days: WEEKDAYS.filter((d) => days.includes(d)) }
}
