/**
 * The control routes of the admin API: reset, snapshots, the state file, the clock and the event
 * stream (README "Admin API").
 */
import express from 'express'
import type { Request, Router } from 'express'
import { FakeClock } from '../support/clock.ts'
import type { Clock } from '../support/clock.ts'
import { ControlledClock } from '../support/controlled-clock.ts'
import { AdminError, BadRequest } from './admin-guard.ts'
import type { AdminEvents } from './events.ts'
import type { ServerState } from './server-state.ts'

export interface ControlRouteDeps {
  state: ServerState
  clock: Clock
  events: AdminEvents
  /** Writes the state file; undefined when the server has none. */
  saveStateFile: (() => string) | undefined
}

/** Longest single advance: ten years (a larger one is a mistake, not a test). */
export const MAX_ADVANCE_MS = 10 * 365 * 24 * 3600_000

export function clockJson(clock: Clock) {
  return {
    now: clock.now().toISOString(),
    frozen: clock instanceof ControlledClock ? clock.frozen : clock instanceof FakeClock,
    controllable: clock instanceof ControlledClock || clock instanceof FakeClock,
  }
}

export function controlRouter({ state, clock, events, saveStateFile }: ControlRouteDeps): Router {
  const router = express.Router()
  const field = (req: Request, name: string): unknown =>
    (req.body as Record<string, unknown> | undefined)?.[name]
  const settable = (): ControlledClock | FakeClock => {
    if (clock instanceof ControlledClock || clock instanceof FakeClock) return clock
    throw new AdminError(409, 'ClockNotControllable', 'This server runs on the system clock.')
  }
  const controlled = (): ControlledClock => {
    if (clock instanceof ControlledClock) return clock
    throw new AdminError(409, 'ClockNotControllable', 'This server clock cannot freeze or run.')
  }

  /** A ControlledClock tells its moves itself (admin-app.ts); a FakeClock is told here. */
  const movedFake = (): void => {
    if (clock instanceof FakeClock) events.publish('clock', { now: clock.now().toISOString() })
  }

  router.post('/reset', (_req, res) => {
    state.reset()
    res.json({})
  })
  router.get('/snapshots', (_req, res) => {
    res.json(state.list())
  })
  router.post('/snapshots', (_req, res) => {
    res.status(201).json(state.save())
  })
  router.post('/snapshots/:id/restore', (req, res) => {
    state.restore(String(req.params.id))
    res.json({})
  })
  router.delete('/snapshots/:id', (req, res) => {
    if (!state.delete(String(req.params.id)))
      throw new AdminError(404, 'NotFound', `There is no snapshot "${String(req.params.id)}".`)
    res.status(204).end()
  })
  router.post('/state/save', (_req, res) => {
    if (!saveStateFile)
      throw new AdminError(409, 'NoStateFile', 'This server was started without --state FILE.')
    res.json({ file: saveStateFile() })
  })

  router.get('/clock', (_req, res) => {
    res.json(clockJson(clock))
  })
  router.put('/clock', (req, res) => {
    const now = field(req, 'now')
    if (typeof now !== 'string' || Number.isNaN(Date.parse(now)))
      throw new BadRequest('"now" must be an ISO date such as 2016-06-10T09:00:00Z.')
    settable().set(now)
    movedFake()
    res.json(clockJson(clock))
  })
  router.post('/clock/advance', (req, res) => {
    const ms = field(req, 'ms')
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS)
      throw new BadRequest(
        `"ms" must be a whole number of milliseconds from 0 to ${MAX_ADVANCE_MS}.`,
      )
    settable().advance(ms)
    movedFake()
    res.json(clockJson(clock))
  })
  router.post('/clock/freeze', (_req, res) => {
    if (!(clock instanceof FakeClock)) controlled().freeze()
    res.json(clockJson(clock))
  })
  router.post('/clock/unfreeze', (_req, res) => {
    controlled().unfreeze()
    res.json(clockJson(clock))
  })

  router.get('/events', events.handler())
  return router
}
