/**
 * What runs when a server started by server.ts is closed: a long-lived answer (GetStreamingEvents)
 * ends cleanly then, instead of holding `close()` until it times out.
 */
import type { Server } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import { Server as TlsServer } from 'node:tls'

/** A hook; its promise settles once what it wrote has gone out (close() waits for it). */
export type CloseHook = () => void | Promise<void>

const bySocket = new WeakMap<Socket, Set<CloseHook>>()

/** The hooks `close()` runs for `server`, registered for each socket it accepts. */
export function closeHooksOf(server: Server | HttpsServer): Set<CloseHook> {
  const hooks = new Set<CloseHook>()
  // Over TLS a request's socket is the TLSSocket of 'secureConnection', not the TCP one.
  const event = server instanceof TlsServer ? 'secureConnection' : 'connection'
  server.on(event, (socket: Socket) => bySocket.set(socket, hooks))
  return hooks
}

/**
 * Runs `fn` when the server that accepted `socket` is closed; returns its removal. A socket of a
 * server not started by server.ts (supertest) has no hooks: `fn` never runs.
 */
export function onServerClose(socket: Socket, fn: CloseHook): () => void {
  const hooks = bySocket.get(socket)
  hooks?.add(fn)
  return () => {
    hooks?.delete(fn)
  }
}
