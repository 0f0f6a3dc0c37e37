/** Listening: binds an app to a host and port (0 picks a free one) and reports the bound URL. */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Server as HttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { Express } from 'express'
import { EWS_PATH, serverListener } from './app.ts'
import { closeHooksOf } from './support/server-close.ts'

export interface StartOptions {
  host?: string
  port?: number
  /** Serve HTTPS with this private key and certificate (PEM); see support/tls.ts for a self-signed one. */
  tls?: { key: string | Buffer; cert: string | Buffer }
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (`https://…` with `tls`). */
  url: string
  /** The EWS endpoint URL. */
  ewsUrl: string
  port: number
  server: Server | HttpsServer
  /** Stops listening and closes idle keep-alive connections. */
  close(): Promise<void>
  /**
   * Makes the whole server unreachable: the port stops listening (new connections are refused)
   * and open connections are reset, until `acceptConnections()`.
   */
  refuseConnections(): Promise<void>
  /** Listens on the same port again after `refuseConnections()`. */
  acceptConnections(): Promise<void>
}

export function startEwsServer(app: Express, options: StartOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const listener = serverListener(app)
    const server = (
      options.tls ? createHttpsServer(options.tls, listener) : createServer(listener)
    ).listen(options.port ?? 0, host)
    server.on('timeout', closeIfStillIdle)
    const hooks = closeHooksOf(server)
    server.once('error', reject)
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo
      const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`
      const listenAgain = (): Promise<void> =>
        new Promise<void>((done, fail) => {
          server.once('error', fail)
          server.listen(port, host, () => {
            server.off('error', fail)
            done()
          })
        })
      resolve({
        url,
        ewsUrl: `${url}${EWS_PATH}`,
        port,
        server,
        close: async () => {
          if (!server.listening) return
          // The hooks' last words first: closing idle connections (server.close does) would
          // destroy a TLS socket whose final frame is still in the TLS layer.
          await Promise.all([...hooks].map((hook) => hook()))
          await new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()))
            server.closeIdleConnections()
          })
        },
        refuseConnections: () =>
          new Promise<void>((done) => {
            if (!server.listening) return done()
            server.close(() => done())
            server.closeAllConnections()
          }),
        acceptConnections: () => (server.listening ? Promise.resolve() : listenAgain()),
      })
    })
  })
}

/**
 * The keep-alive timeout of an idle connection. Node closes the connection at once, but its timers
 * run before pending input is read: after any stall longer than the timeout, a request that arrived
 * during the stall would be reset unread, and its client could not tell whether it ran. So the
 * connection is closed only once waiting input has been read (setImmediate runs after that), and
 * only if none came (docs/decisions/0020).
 */
function closeIfStillIdle(socket: Socket): void {
  const read = socket.bytesRead
  setImmediate(() => {
    if (!socket.destroyed && socket.bytesRead === read) socket.destroy()
  })
}
