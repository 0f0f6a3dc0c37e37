/**
 * The mailbox routes of the admin API: users, folders with counts, items of a folder (paged,
 * newest first, filtered), one item in full, seeding items from JSON, and waiting for items.
 */
import express from 'express'
import type { Request, Router } from 'express'
import type { MailboxStore } from '../store/mailbox-store.ts'
import type { Directory } from '../topology/directory.ts'
import { BadRequest } from './admin-guard.ts'
import { folderOf, foldersOf, itemDetail, listItems, mailboxOf } from './mailbox-view.ts'
import type { ItemFilter } from './mailbox-view.ts'
import type { Seeder } from './seed.ts'
import type { Waiter } from './wait.ts'

export interface MailboxRouteDeps {
  store: MailboxStore
  directory: Directory
  seeder: Seeder
  waiter: Waiter
}

/** Largest page of items one request may ask for. */
export const MAX_PAGE = 1000

/** A whole number query parameter within [min, max], `fallback` when absent. */
export function intParam(req: Request, name: string, fallback: number, min: number, max: number) {
  const raw = req.query[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min || n > max)
    throw new BadRequest(`"${name}" must be a whole number from ${min} to ${max}.`)
  return n
}

function filterOf(req: Request): ItemFilter {
  const one = (name: string): string | undefined => {
    const v = req.query[name]
    if (v === undefined || v === '') return undefined
    if (typeof v !== 'string') throw new BadRequest(`"${name}" must be given once.`)
    return v
  }
  return { class: one('class'), subject: one('subject'), from: one('from') }
}

export function mailboxRouter({ store, directory, seeder, waiter }: MailboxRouteDeps): Router {
  const router = express.Router()
  const mailbox = (req: Request): string => mailboxOf(store, String(req.params.address))
  const folder = (req: Request) => folderOf(store, mailbox(req), String(req.params.folder))

  router.get('/users', (_req, res) => {
    res.json(
      directory.users().map((u) => ({
        address: u.address,
        displayName: u.displayName,
        organisation: u.organisation.domain,
        exchange: u.profile.name,
      })),
    )
  })
  router.get('/mailboxes/:address/folders', (req, res) => {
    res.json(foldersOf(store, mailbox(req)))
  })
  router.get('/mailboxes/:address/folders/:folder/items', (req, res) => {
    const f = folder(req)
    const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
    const limit = intParam(req, 'limit', 50, 1, MAX_PAGE)
    res.json(listItems(store, f.mailbox, f.folderId.id, filterOf(req), offset, limit))
  })
  router.get('/mailboxes/:address/items/:id', (req, res) => {
    res.json(itemDetail(store.getItem(mailbox(req), String(req.params.id))))
  })
  router.post('/mailboxes/:address/folders/:folder/items', (req, res) => {
    const f = folder(req)
    res.status(201).json({ ids: seeder.seed(f.mailbox, f.folderId.id, req.body) })
  })
  router.get('/mailboxes/:address/folders/:folder/wait', async (req, res) => {
    const f = folder(req)
    const count = intParam(req, 'count', 1, 1, MAX_PAGE)
    const timeout = intParam(req, 'timeout', 30_000, 0, waiter.maxTimeoutMs)
    const closed = new AbortController()
    res.once('close', () => closed.abort())
    const answer = await waiter.wait(
      { mailbox: f.mailbox, folderId: f.folderId.id, count, filter: filterOf(req) },
      timeout,
      closed.signal,
    )
    if (!res.writableEnded && !closed.signal.aborted) res.json(answer)
  })
  return router
}
