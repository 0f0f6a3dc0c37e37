/**
 * The Autodiscover endpoints: POX `POST /autodiscover/autodiscover.xml` and SOAP
 * `POST /autodiscover/autodiscover.svc`, also under a domain prefix (`/contoso.com/autodiscover/…`)
 * so one loopback server can stand in for `autodiscover.contoso.com` and `autodiscover.fabrikam.com`.
 */
import express from 'express'
import type { Request, Response, Router } from 'express'
import type { AuthDeps } from '../auth/authenticate.ts'
import { requireAuthentication } from '../auth/middleware.ts'
import { EwsError } from '../domain/errors.ts'
import { decodeBody, parseXml } from '../soap/parse-xml.ts'
import type { XmlLimits } from '../soap/parse-xml.ts'
import type { Clock } from '../support/clock.ts'
import type { Logger } from '../support/logger.ts'
import type { DirectoryUser } from '../topology/directory.ts'
import { answerPox } from './pox.ts'
import { addressedDomain, selfBaseUrl, visibleMailboxes } from './settings.ts'
import { answerGetUserSettings, autodiscoverFault, readGetUserSettings } from './soap.ts'

export interface AutodiscoverDeps {
  auth: AuthDeps
  clock: Clock
  logger: Logger
  maxBodyBytes: number
  xmlLimits: XmlLimits
}

export function autodiscoverRouter(deps: AutodiscoverDeps): Router {
  const router = express.Router()
  const guard = [
    requireAuthentication(deps.auth, deps.logger, deps.maxBodyBytes),
    express.raw({ type: () => true, limit: deps.maxBodyBytes }),
  ]
  const xml = (res: Response, status: number, body: string): void => {
    res.status(status).type('text/xml; charset=utf-8').send(body)
  }
  // Only the caller's own organisation, and only when the request is addressed to it (or to none).
  const visible = (req: Request, res: Response) =>
    visibleMailboxes(
      deps.auth.directory,
      res.locals.user as DirectoryUser,
      addressedDomain(req, deps.auth.directory),
    )
  const document = (req: Request) => {
    try {
      return parseXml(
        decodeBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)),
        deps.xmlLimits,
      ).documentElement
    } catch (e) {
      if (e instanceof EwsError) return null
      throw e
    }
  }
  router.post(
    ['/autodiscover/autodiscover.xml', '/:domain/autodiscover/autodiscover.xml'],
    ...guard,
    (req, res) => {
      const body = answerPox(document(req), visible(req, res), selfBaseUrl(req), deps.clock.now())
      xml(res, 200, body)
    },
  )
  router.post(
    ['/autodiscover/autodiscover.svc', '/:domain/autodiscover/autodiscover.svc'],
    ...guard,
    (req, res) => {
      const request = readGetUserSettings(document(req))
      if (!request) {
        xml(
          res,
          500,
          autodiscoverFault(
            'mock-ews answers GetUserSettings requests (SOAP 1.1) at this endpoint.',
          ),
        )
        return
      }
      const user = res.locals.user as DirectoryUser
      xml(
        res,
        200,
        answerGetUserSettings(request, visible(req, res), selfBaseUrl(req), user.profile),
      )
    },
  )
  return router
}
