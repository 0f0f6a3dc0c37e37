/**
 * The JSON control plane under `/__admin/` (WireMock's convention): the topology as served, quirks,
 * and the Skype for Business configuration (management-shell changes and per-user provisioning).
 */
import express from 'express'
import type { Request, Router } from 'express'
import type { FaultEngine } from '../faults/engine.ts'
import type { RequestJournal } from '../journal/journal.ts'
import type { SkypeDirectory } from '../skype/skype-directory.ts'
import type { Directory } from '../topology/directory.ts'
import { getExchangeProfile } from '../topology/profiles.ts'
import type { OrganisationSpec } from '../topology/topology.ts'
import { BadRequest, NotFound } from './admin-guard.ts'

export interface AdminDeps {
  directory: Directory
  skype: SkypeDirectory
  faults: FaultEngine
  journal: RequestJournal
}

export function adminRouter({ directory, skype, faults, journal }: AdminDeps): Router {
  const router = express.Router()

  const org = (req: Request): OrganisationSpec => {
    const found = directory.organisation(String(req.params.domain))
    if (!found) throw new NotFound(`There is no organisation "${String(req.params.domain)}".`)
    return found
  }
  const bool = (req: Request, name: string, nullable = false): boolean | undefined => {
    const v = (req.body as Record<string, unknown> | undefined)?.[name]
    if (typeof v === 'boolean' || (nullable && v === null)) return v ?? undefined
    throw new BadRequest(`"${name}" must be true or false${nullable ? ' (or null to unset)' : ''}.`)
  }
  const identityOf = (req: Request): string => {
    const identity = (req.body as { identity?: unknown } | undefined)?.identity
    if (typeof identity !== 'string' || identity.trim() === '')
      throw new BadRequest('"identity" must be a string such as "Global" or "Site:Redmond".')
    return identity
  }
  const describe = (o: OrganisationSpec) => {
    const profile = getExchangeProfile(o.exchange)
    return {
      domain: o.domain,
      exchange: { profile: profile.name, title: profile.title, deployment: profile.deployment },
      federation: o.federation,
      quirks: directory.quirks(o),
      skype: skype.spec(o.domain),
      users: o.users.map((u) => ({
        address: u.address,
        displayName: u.displayName,
        ...skype.userAssignments(u.address),
      })),
    }
  }

  router.get('/faults', (_req, res) => {
    res.json(faults.list())
  })
  router.post('/faults', (req, res) => {
    res.status(201).json(faults.add(req.body))
  })
  router.delete('/faults', (_req, res) => {
    faults.clear()
    res.status(204).end()
  })
  router.delete('/faults/:id', (req, res) => {
    if (!faults.remove(String(req.params.id)))
      throw new NotFound(`There is no fault "${String(req.params.id)}".`)
    res.status(204).end()
  })
  router.get('/requests', (req, res) => {
    const limit = Number(req.query.limit ?? journal.capacity)
    if (!Number.isInteger(limit) || limit < 1)
      throw new BadRequest('"limit" must be a positive whole number.')
    res.json({
      total: journal.total,
      capacity: journal.capacity,
      entries: journal.entries().slice(-limit),
    })
  })
  router.delete('/requests', (_req, res) => {
    journal.clear()
    res.status(204).end()
  })

  router.get('/topology', (_req, res) => {
    res.json({ organisations: directory.topology.organisations.map(describe) })
  })
  router.get('/organisations/:domain', (req, res) => {
    res.json(describe(org(req)))
  })
  router.patch('/organisations/:domain/quirks', (req, res) => {
    res.json(
      directory.setQuirks(org(req).domain, {
        refuseSkypeDraftSend: bool(req, 'refuseSkypeDraftSend'),
      }),
    )
  })

  router.get('/skype/users/:address', (req, res) => {
    res.json(skype.effective(String(req.params.address)))
  })
  router.put('/skype/users/:address/client-policy', (req, res) => {
    const name = (req.body as { policyName?: unknown } | undefined)?.policyName
    if (name !== null && typeof name !== 'string')
      throw new BadRequest('"policyName" must be a policy name, or null to remove the grant.')
    skype.grantClientPolicy(String(req.params.address), name ?? undefined)
    res.json(skype.effective(String(req.params.address)))
  })
  router.get('/skype/:domain', (req, res) => {
    res.json(skype.spec(org(req).domain))
  })
  router.get('/skype/:domain/im-configurations', (req, res) => {
    const identity = typeof req.query.identity === 'string' ? req.query.identity : undefined
    res.json(skype.getImConfiguration(org(req).domain, identity))
  })
  router.post('/skype/:domain/im-configurations', (req, res) => {
    const identity = identityOf(req)
    const enable =
      (req.body as { enableOfflineIm?: unknown } | undefined)?.enableOfflineIm === undefined
        ? true
        : bool(req, 'enableOfflineIm')
    res.status(201).json(skype.newImConfiguration(org(req).domain, identity, enable))
  })
  router.patch('/skype/:domain/im-configurations/:identity', (req, res) => {
    res.json(
      skype.setImConfiguration(
        org(req).domain,
        String(req.params.identity),
        bool(req, 'enableOfflineIm')!,
      ),
    )
  })
  router.delete('/skype/:domain/im-configurations/:identity', (req, res) => {
    skype.removeImConfiguration(org(req).domain, String(req.params.identity))
    res.status(204).end()
  })
  router.get('/skype/:domain/client-policies', (req, res) => {
    const identity = typeof req.query.identity === 'string' ? req.query.identity : undefined
    res.json(skype.getClientPolicy(org(req).domain, identity))
  })
  router.post('/skype/:domain/client-policies', (req, res) => {
    const body = (req.body ?? {}) as { enableIMAutoArchiving?: unknown }
    const settings =
      body.enableIMAutoArchiving === undefined
        ? {}
        : { enableIMAutoArchiving: bool(req, 'enableIMAutoArchiving') }
    res.status(201).json(skype.newClientPolicy(org(req).domain, identityOf(req), settings))
  })
  router.patch('/skype/:domain/client-policies/:identity', (req, res) => {
    res.json(
      skype.setClientPolicy(org(req).domain, String(req.params.identity), {
        enableIMAutoArchiving: bool(req, 'enableIMAutoArchiving', true),
      }),
    )
  })

  return router
}
