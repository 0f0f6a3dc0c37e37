/**
 * The permission half of the MailboxStore contract (setFolderPermissions, getDelegates,
 * setDelegates; decisions 0055, 0056), and the CallerStore over it: another mailbox's folders as
 * far as their permissions allow, nothing read or changed otherwise.
 */
import { expect } from 'chai'
import { LEVEL_RIGHTS } from '../../mock-ews/domain/permissions.ts'
import type { Delegate, FolderPermission } from '../../mock-ews/domain/permissions.ts'
import type { MailboxStore, StoreEvent } from '../../mock-ews/store/mailbox-store.ts'
import { CallerStore } from '../../mock-ews/store/rules/caller-access.ts'
import { FakeClock } from '../../mock-ews/support/clock.ts'
import type { Clock } from '../../mock-ews/support/clock.ts'
import { ALICE, BOB, itemFields } from '../helpers/items.ts'
import { expectEwsError } from './mailbox-store.contract.ts'

const bobAs = (level: keyof typeof LEVEL_RIGHTS): FolderPermission => ({
  user: { kind: 'user', address: BOB, displayName: 'Bob Kelly' },
  rights: LEVEL_RIGHTS[level],
})
const delegate = (inbox: Delegate['permissions']['inbox']): Delegate => ({
  address: BOB,
  displayName: 'Bob Kelly',
  permissions: {
    calendar: 'Editor',
    tasks: 'None',
    inbox,
    contacts: 'None',
    notes: 'None',
    journal: 'None',
  },
  receiveCopiesOfMeetingMessages: false,
  viewPrivateItems: true,
})

export function runMailboxPermissionsContract(makeStore: (clock: Clock) => MailboxStore): void {
  let store: MailboxStore
  const inbox = (mailbox = ALICE): string =>
    store.getDistinguishedFolder(mailbox, 'inbox').folderId.id
  const bobsView = (): CallerStore => new CallerStore(store, BOB, () => true)

  beforeEach(() => {
    store = makeStore(new FakeClock('2016-06-10T09:00:00Z'))
    store.createMailbox({ address: ALICE, displayName: 'Alice Wood', generation: 2016 })
    store.createMailbox({ address: BOB, displayName: 'Bob Kelly', generation: 2016 })
  })

  describe('setFolderPermissions', () => {
    it('replaces the set (new change key, a Modified event); undefined puts the default back', () => {
      const before = store.getFolder(ALICE, inbox())
      expect(before.permissions.map((p) => p.user.kind)).to.deep.equal(['Default', 'Anonymous'])
      const events: StoreEvent[] = []
      store.onEvent((e) => events.push(e))
      const set = store.setFolderPermissions(ALICE, inbox(), [bobAs('Reviewer')])
      expect(set.permissions).to.deep.equal([bobAs('Reviewer')])
      expect(set.folderId.changeKey).to.not.equal(before.folderId.changeKey)
      expect(events.map((e) => e.type)).to.deep.equal(['Modified'])
      expect(store.getFolder(ALICE, inbox())).to.deep.equal(set)
      const reset = store.setFolderPermissions(ALICE, inbox(), undefined)
      expect(reset.permissions).to.deep.equal(before.permissions)
    })
  })

  describe('setDelegates and getDelegates', () => {
    it("writes the delegate's levels into the delegate folders and reads them back from there", () => {
      expect(store.getDelegates(ALICE)).to.deep.equal({
        delegates: [],
        deliverMeetingRequests: 'DelegatesAndSendInformationToMe',
      })
      store.setDelegates(ALICE, {
        delegates: [delegate('Reviewer')],
        deliverMeetingRequests: 'DelegatesOnly',
      })
      expect(store.getDelegates(ALICE)).to.deep.equal({
        delegates: [delegate('Reviewer')],
        deliverMeetingRequests: 'DelegatesOnly',
      })
      const bob = store.getFolder(ALICE, inbox()).permissions.find((p) => p.user.kind === 'user')
      expect(bob).to.deep.equal(bobAs('Reviewer'))
      store.setFolderPermissions(ALICE, inbox(), [bobAs('Owner')])
      expect(store.getDelegates(ALICE).delegates[0]!.permissions.inbox).to.equal('Custom')
    })

    it('a delegate gone, or a level None, leaves no entry', () => {
      store.setDelegates(ALICE, {
        delegates: [delegate('Editor')],
        deliverMeetingRequests: 'NoForward',
      })
      store.setDelegates(ALICE, {
        delegates: [delegate('None')],
        deliverMeetingRequests: 'NoForward',
      })
      expect(store.getFolder(ALICE, inbox()).permissions.map((p) => p.user.kind)).to.deep.equal([
        'Default',
        'Anonymous',
      ])
      store.setDelegates(ALICE, { delegates: [], deliverMeetingRequests: 'NoForward' })
      const calendar = store.getDistinguishedFolder(ALICE, 'calendar')
      expect(calendar.permissions.some((p) => p.user.kind === 'user')).to.equal(false)
    })
  })

  describe('CallerStore', () => {
    it('refuses another mailbox without a grant and changes nothing; her own goes through', () => {
      const bob = bobsView()
      const mail = store.createItem(ALICE, inbox(), itemFields({ subject: 'Secret' }))
      expectEwsError(() => bob.getFolder(BOB, inbox()), 'ErrorAccessDenied')
      expectEwsError(() => bob.getDistinguishedFolder(ALICE, 'inbox'), 'ErrorAccessDenied')
      expectEwsError(() => bob.getItem(BOB, mail.itemId.id), 'ErrorAccessDenied')
      expectEwsError(
        () => bob.createItem(BOB, inbox(), itemFields()),
        'ErrorCreateItemAccessDenied',
      )
      expectEwsError(() => bob.deleteItem(BOB, mail.itemId.id, 'HardDelete'), 'ErrorAccessDenied')
      expect(store.findItems(ALICE, inbox(), { view: { kind: 'all' } }).items).to.have.length(1)
      expect(bob.getFolder(BOB, inbox(BOB)).mailbox).to.equal(BOB)
    })

    it('lets an Editor create, change and delete, and hands the call to the owning mailbox', () => {
      store.setFolderPermissions(ALICE, inbox(), [bobAs('Editor')])
      const bob = bobsView()
      const made = bob.createItem(BOB, inbox(), itemFields({ subject: 'By bob' }))
      expect(store.getItem(ALICE, made.itemId.id).subject).to.equal('By bob')
      bob.updateItem(BOB, made.itemId.id, { subject: 'Edited' })
      expect(store.getItem(ALICE, made.itemId.id).subject).to.equal('Edited')
      bob.deleteItem(BOB, made.itemId.id, 'HardDelete')
      expect(store.findItems(ALICE, inbox(), { view: { kind: 'all' } }).items).to.have.length(0)
      expectEwsError(() => bob.renameFolder(BOB, inbox(), 'Mine'), 'ErrorAccessDenied')
    })

    it('never reaches a mailbox the colleague test rejects (another organisation)', () => {
      store.setFolderPermissions(ALICE, inbox(), [bobAs('Owner')])
      const stranger = new CallerStore(store, BOB, () => false)
      expectEwsError(() => stranger.getFolder(BOB, inbox()), 'ErrorAccessDenied')
    })
  })
}
