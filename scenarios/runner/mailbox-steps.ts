/**
 * What a user does to their own mailbox (in Outlook, say) between the client's reads: mark items
 * read, delete them, move them; and the client reading its history again without signing in
 * (OfflineImEngine.refreshHistory); and the administrator moving a mailbox between on-premises
 * Exchange and Exchange Online. The items are those of a folder matching the filters of the
 * `mailbox` expectation; a step that matches no item fails.
 */
import type { ExchangeProfileName } from '../../mock-ews/index.ts'
import type { ItemFilter } from './item-filter.ts'
import { itemMatches, readItemFilter } from './item-filter.ts'
import { folderIdOf, mailboxItems } from './observe.ts'
import type { Item } from './observe.ts'
import { defineStep, StepError, address } from './registry.ts'
import type { Path, ReadContext } from './registry.ts'
import { survive } from './survive.ts'
import type { ScenarioWorld } from './world.ts'

type Obj = Record<string, unknown>

interface Selection {
  user: string
  folder: string
  filter: ItemFilter
}

const readSelection = (o: Obj, p: Path, ctx: ReadContext): Selection => ({
  user: address(o.user),
  folder: String(o.folder),
  filter: readItemFilter(o, p, ctx),
})

function selected(world: ScenarioWorld, s: Selection): Item[] {
  const now = world.clock.now()
  const items = mailboxItems(world, s.user, s.folder).filter((i) => itemMatches(s.filter, i, now))
  if (items.length === 0) throw new StepError(`no item of ${s.user}'s ${s.folder} matches`)
  return items
}

export const MAILBOX_STEPS = {
  'mark-read': defineStep({
    read: (o: Obj, p, ctx) => ({ ...readSelection(o, p, ctx), isRead: o.unread !== true }),
    async run(world, step) {
      for (const i of selected(world, step)) {
        world.mock.store.updateItem(step.user, i.itemId.id, { isRead: step.isRead })
      }
    },
    users: (s) => [s.user],
  }),
  'delete-item': defineStep({
    read: (o: Obj, p, ctx) => ({ ...readSelection(o, p, ctx), hard: o.hard === true }),
    async run(world, step) {
      const mode = step.hard ? 'HardDelete' : 'MoveToDeletedItems'
      for (const i of selected(world, step))
        world.mock.store.deleteItem(step.user, i.itemId.id, mode)
    },
    users: (s) => [s.user],
  }),
  'move-item': defineStep({
    read: (o: Obj, p, ctx) => ({ ...readSelection(o, p, ctx), toFolder: String(o['to-folder']) }),
    async run(world, step) {
      const to = folderIdOf(world, step.user, step.toFolder)
      if (to === undefined) throw new StepError(`${step.user} has no ${step.toFolder} folder`)
      for (const i of selected(world, step)) world.mock.store.moveItem(step.user, i.itemId.id, to)
    },
    users: (s) => [s.user],
  }),
  'move-mailbox': defineStep({
    /** A hybrid move: the mailbox is served by another Exchange from now on (mock-ews Directory). */
    read: (o: Obj) => ({ user: address(o.user), exchange: o.to as ExchangeProfileName }),
    async run(world, step) {
      try {
        world.mock.directory.moveMailbox(step.user, step.exchange)
      } catch (e) {
        throw new StepError((e as Error).message)
      }
    },
    users: (s) => [s.user],
  }),
  'refresh-history': defineStep({
    read: (v: string) => ({ user: address(v) }),
    async run(world, step) {
      // Only a running, signed-in client reads its history; starting one here would hide that.
      const engine = world.client(step.user).engine
      if (engine?.status !== 'signed-in') {
        throw new StepError(`${step.user}'s client is not signed in: it reads nothing`)
      }
      await survive(() => engine.refreshHistory())
    },
    users: (s) => [s.user],
  }),
}
