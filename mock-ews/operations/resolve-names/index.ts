// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/resolvenames-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { checkIdCount } from '../../domain/limits.ts'
import { attr, child, enumAttr, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { EXCHANGE_VERSIONS } from '../../topology/profiles.ts'
import type { ExchangeVersion } from '../../topology/profiles.ts'
import { readFolderRefs, resolveFolder } from '../shared/folder-ids.ts'
import type { FolderRef } from '../shared/folder-ids.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { addressList, resolve } from './match.ts'
import type { DirectoryEntry } from './match.ts'
import { contactEntries } from './contacts.ts'
import { renderContact as renderStoredContact } from '../shared/contact-xml.ts'
import { kindMissingFor } from '../shared/item-shape.ts'

const SCOPES = ['ActiveDirectory', 'ActiveDirectoryContacts', 'Contacts', 'ContactsActiveDirectory']
const SHAPES = ['IdOnly', 'Default', 'AllProperties'] as const
/** A ResolutionSet holds at most 100 resolutions (types.xsd ArrayOfResolutionType). */
const MAX_RESOLUTIONS = 100

interface ResolveNamesRequest {
  unresolved: string
  /** Contacts folders to search (the caller's own; none given: the Contacts folder). */
  parents: FolderRef[]
  fullContactData: boolean
  scope: (typeof SCOPES)[number]
}

interface Resolutions {
  entries: DirectoryEntry[]
  fullContactData: boolean
  version: ExchangeVersion
}

/**
 * ResolveNames over the caller's organisation's address list and the caller's contacts, in the
 * order SearchScope gives (ActiveDirectory, Contacts, ActiveDirectoryContacts: the directory's
 * first, ContactsActiveDirectory: the contacts' first).
 */
export const resolveNames: Operation<ResolveNamesRequest, Resolutions> = {
  name: 'ResolveNames',
  parse(el: Element): ResolveNamesRequest {
    const entry = child(el, 'm', 'UnresolvedEntry')
    const unresolved = text(entry)
    if (!unresolved) {
      throw schemaError(
        entry
          ? "The 'UnresolvedEntry' element is invalid - The value '' is invalid according to its datatype 'NonEmptyStringType'."
          : "The element 'ResolveNames' has incomplete content. List of possible elements expected: 'UnresolvedEntry'.",
      )
    }
    const full = attr(el, 'ReturnFullContactData')
    if (full === undefined) {
      throw schemaError(
        "The required attribute 'ReturnFullContactData' of 'ResolveNames' is missing.",
      )
    }
    if (!['true', 'false', '1', '0'].includes(full.trim())) {
      throw schemaError(
        `The 'ReturnFullContactData' attribute is invalid - The value '${full}' is invalid according to its datatype 'Boolean'.`,
      )
    }
    const scope = enumAttr(el, 'SearchScope', SCOPES, 'ActiveDirectoryContacts')
    if (attr(el, 'ContactDataShape') !== undefined) enumAttr(el, 'ContactDataShape', SHAPES)
    const parents = child(el, 'm', 'ParentFolderIds')
    return {
      unresolved,
      parents: parents ? readFolderRefs(parents) : [],
      fullContactData: ['true', '1'].includes(full.trim()),
      scope,
    }
  },
  handle(req: ResolveNamesRequest, ctx: OperationContext): Outcome<Resolutions>[] {
    checkIdCount(req.parents.length, ctx.limits)
    let folders: string[]
    try {
      folders = req.parents.map((ref) => resolveFolder(ref, ctx).folderId.id)
    } catch (e) {
      if (e instanceof EwsError) return [{ ok: false, error: e }]
      throw e
    }
    const directory = () =>
      req.scope === 'Contacts' ? [] : resolve(addressList(ctx.user.organisation), req.unresolved)
    const contacts = () =>
      req.scope === 'ActiveDirectory' ? [] : resolve(contactEntries(ctx, folders), req.unresolved)
    const entries =
      req.scope === 'ContactsActiveDirectory'
        ? [...contacts(), ...directory()]
        : [...directory(), ...contacts()]
    if (entries.length === 0)
      return [{ ok: false, error: new EwsError('ErrorNameResolutionNoResults') }]
    const value = {
      entries,
      fullContactData: req.fullContactData,
      version: ctx.requestServerVersion,
    }
    if (entries.length === 1) return [{ ok: true, value }]
    return [{ ok: true, value, warning: new EwsError('ErrorNameResolutionMultipleResults') }]
  },
  renderPayload(message: XmlElement, value: Resolutions): void {
    const shown = value.entries.slice(0, MAX_RESOLUTIONS)
    const set = message
      .ele(NS.m, 'm:ResolutionSet')
      .att('TotalItemsInView', String(value.entries.length))
      .att('IncludesLastItemInRange', String(shown.length === value.entries.length))
    for (const entry of shown) {
      const resolution = set.ele(NS.t, 't:Resolution')
      renderMailbox(resolution, entry)
      if (value.fullContactData && entry.contact)
        renderStoredContact(
          resolution.ele(NS.t, 't:Contact'),
          entry.contact,
          (name) => !kindMissingFor(value.version).has(name),
        )
      else if (value.fullContactData) renderContact(resolution, entry, value.version)
    }
  },
}

export function renderMailbox(parent: XmlElement, entry: DirectoryEntry): void {
  const m = parent.ele(NS.t, 't:Mailbox')
  m.ele(NS.t, 't:Name').txt(entry.name)
  if (entry.address) {
    m.ele(NS.t, 't:EmailAddress').txt(entry.address)
    m.ele(NS.t, 't:RoutingType').txt('SMTP')
  }
  m.ele(NS.t, 't:MailboxType').txt(entry.kind)
  if (entry.itemId)
    m.ele(NS.t, 't:ItemId').att('Id', entry.itemId.id).att('ChangeKey', entry.itemId.changeKey)
}

/** The directory's contact data, as Exchange returns it for an Active Directory entry. */
function renderContact(parent: XmlElement, entry: DirectoryEntry, version: ExchangeVersion): void {
  const c = parent.ele(NS.t, 't:Contact')
  c.ele(NS.t, 't:DisplayName').txt(entry.name)
  c.ele(NS.t, 't:EmailAddresses')
    .ele(NS.t, 't:Entry')
    .att('Key', 'EmailAddress1')
    .txt(`SMTP:${entry.address}`)
  // ContactSource came with Exchange 2010.
  if (EXCHANGE_VERSIONS.indexOf(version) >= EXCHANGE_VERSIONS.indexOf('Exchange2010')) {
    c.ele(NS.t, 't:ContactSource').txt('ActiveDirectory')
  }
}
