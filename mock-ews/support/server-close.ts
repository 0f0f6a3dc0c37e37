/**
 * What runs when a server started by server.ts is closed: a long-lived answer (GetStreamingEvents)
 * ends cleanly then, instead of holding `close()` until it times out.
 */
import type { Server } from 'node:http'
import type { Socket } from 'node:net'

const bySocket = new WeakMap<Socket, Set<() => void>>()

/** The hooks `close()` runs for `server`, registered for each socket it accepts. */
export function closeHooksOf(server: Server): Set<() => void> {
  const hooks = new Set<() => void>()
  server.on('connection', (socket: Socket) => bySocket.set(socket, hooks))
  return hooks
}

/**
 * Runs `fn` when the server that accepted `socket` is closed; returns its removal. A socket of a
 * server not started by server.ts (supertest) has no hooks: `fn` never runs.
 */
export function onServerClose(socket: Socket, fn: () => void): () => void {
  const hooks = bySocket.get(socket)
  hooks?.add(fn)
  return () => {
    hooks?.delete(fn)
  }
}
