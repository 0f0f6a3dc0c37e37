/**
 * t:Rule read and written (types.xsd RuleType, RulePredicatesType, RuleActionsType). A predicate or
 * action mock-ews does not apply is a validation error (UnsupportedRule), never ignored.
 */
import type { Element } from '../../soap/xml-tree.ts'
import type { EmailAddress, Importance } from '../../domain/items.ts'
import type { InboxRule, RuleActions, RulePredicates } from '../../rules/inbox-rules.ts'
import { child, childElements, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { OperationContext } from '../operation.ts'
import { readFolderRef, resolveFolder } from '../shared/folder-ids.ts'
import { readBoolean } from '../shared/message-xml.ts'

/** One t:Error of RuleOperationErrors. */
export interface RuleValidationError {
  fieldUri: string
  errorCode: string
  errorMessage: string
  fieldValue: string
}

const IMPORTANCE = new Set(['Low', 'Normal', 'High'])

/** Reads a t:Rule; problems with its values are pushed to `errors` (the rule is then not used). */
export function readRule(
  el: Element,
  ctx: OperationContext,
  errors: RuleValidationError[],
): Omit<InboxRule, 'ruleId'> & { ruleId: string | undefined } {
  const displayName = text(child(el, 't', 'DisplayName'))
  const priority = Number(text(child(el, 't', 'Priority'))?.trim())
  const enabled = text(child(el, 't', 'IsEnabled'))?.trim()
  if (displayName === undefined || enabled === undefined || !Number.isInteger(priority))
    throw schemaError("A 't:Rule' needs DisplayName, Priority and IsEnabled.")
  if (priority < 1)
    errors.push(
      invalid('Priority', 'InvalidValue', 'Priority must be 1 or more.', String(priority)),
    )
  const conditions = child(el, 't', 'Conditions')
  const exceptions = child(el, 't', 'Exceptions')
  const actions = child(el, 't', 'Actions')
  const rule = {
    ruleId: text(child(el, 't', 'RuleId'))?.trim(),
    displayName,
    priority,
    isEnabled: readBoolean('IsEnabled', enabled),
    conditions: conditions ? readPredicates(conditions, 'Condition', errors) : {},
    exceptions: exceptions ? readPredicates(exceptions, 'Exception', errors) : undefined,
    actions: actions ? readActions(actions, ctx, errors) : {},
  }
  if (Object.keys(rule.actions).length === 0)
    errors.push(invalid('Actions', 'MissingAction', 'A rule needs at least one action.', ''))
  return rule
}

function readPredicates(
  el: Element,
  kind: 'Condition' | 'Exception',
  errors: RuleValidationError[],
): RulePredicates {
  const p: { -readonly [K in keyof RulePredicates]: RulePredicates[K] } = {}
  for (const e of childElements(el, NS.t)) {
    const value = (e.textContent ?? '').trim()
    switch (e.localName) {
      case 'ContainsSubjectStrings':
        p.containsSubjectStrings = childElements(e, NS.t, 'String').map((s) => s.textContent ?? '')
        break
      case 'FromAddresses':
        p.fromAddresses = readAddresses(e, `${kind}:FromAddresses`, errors)
        break
      case 'HasAttachments':
        p.hasAttachments = readBoolean('HasAttachments', value)
        break
      case 'Importance':
        if (!IMPORTANCE.has(value)) throw schemaError(`'${value}' is not an ImportanceChoicesType.`)
        p.importance = value as Importance
        break
      case 'SentToMe':
        p.sentToMe = readBoolean('SentToMe', value)
        break
      default:
        errors.push(unsupported(`${kind}:${e.localName ?? ''}`, value))
    }
  }
  return p
}

function readActions(
  el: Element,
  ctx: OperationContext,
  errors: RuleValidationError[],
): RuleActions {
  const a: { -readonly [K in keyof RuleActions]: RuleActions[K] } = {}
  for (const e of childElements(el, NS.t)) {
    const value = (e.textContent ?? '').trim()
    const field = `Action:${e.localName ?? ''}`
    switch (e.localName) {
      case 'CopyToFolder':
      case 'MoveToFolder': {
        const ref = childElements(e, NS.t)[0]
        if (!ref) throw schemaError(`'${e.localName}' needs a folder id.`)
        const id = targetFolder(ref, ctx)
        if (id === undefined)
          errors.push(invalid(field, 'FolderDoesNotExist', 'The folder does not exist.', ''))
        else if (e.localName === 'CopyToFolder') a.copyToFolder = id
        else a.moveToFolder = id
        break
      }
      case 'Delete':
        a.delete = readBoolean('Delete', value)
        break
      case 'MarkAsRead':
        a.markAsRead = readBoolean('MarkAsRead', value)
        break
      case 'StopProcessingRules':
        a.stopProcessingRules = readBoolean('StopProcessingRules', value)
        break
      case 'ForwardToRecipients':
        a.forwardToRecipients = readAddresses(e, field, errors)
        break
      case 'RedirectToRecipients':
        a.redirectToRecipients = readAddresses(e, field, errors)
        break
      default:
        errors.push(unsupported(field, value))
    }
  }
  // `false` is no action: Delete false, MarkAsRead false, StopProcessingRules false are dropped
  // from the rule as Exchange does (GetInboxRules does not show them).
  for (const k of ['delete', 'markAsRead', 'stopProcessingRules'] as const) if (!a[k]) delete a[k]
  return a
}

function targetFolder(ref: Element, ctx: OperationContext): string | undefined {
  try {
    return resolveFolder(readFolderRef(ref), ctx).folderId.id
  } catch {
    return undefined
  }
}

function readAddresses(e: Element, field: string, errors: RuleValidationError[]): EmailAddress[] {
  return childElements(e, NS.t, 'Address').flatMap((a) => {
    const address = text(child(a, 't', 'EmailAddress'))?.trim() ?? ''
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      errors.push(invalid(field, 'InvalidAddress', 'The e-mail address is not valid.', address))
      return []
    }
    return [{ name: text(child(a, 't', 'Name')) ?? undefined, address: address.toLowerCase() }]
  })
}

function invalid(
  fieldUri: string,
  errorCode: string,
  errorMessage: string,
  fieldValue: string,
): RuleValidationError {
  return { fieldUri, errorCode, errorMessage, fieldValue }
}

function unsupported(fieldUri: string, value: string): RuleValidationError {
  return invalid(
    fieldUri,
    'UnsupportedRule',
    `mock-ews does not apply ${fieldUri} yet; the rule is refused rather than ignored.`,
    value,
  )
}

/** Writes a rule as GetInboxRules returns it. */
export function writeRule(parent: XmlElement, rule: InboxRule): void {
  const r = parent.ele(NS.t, 't:Rule')
  r.ele(NS.t, 't:RuleId').txt(rule.ruleId)
  r.ele(NS.t, 't:DisplayName').txt(rule.displayName)
  r.ele(NS.t, 't:Priority').txt(String(rule.priority))
  r.ele(NS.t, 't:IsEnabled').txt(String(rule.isEnabled))
  r.ele(NS.t, 't:IsNotSupported').txt('false')
  r.ele(NS.t, 't:IsInError').txt('false')
  writePredicates(r.ele(NS.t, 't:Conditions'), rule.conditions)
  if (rule.exceptions) writePredicates(r.ele(NS.t, 't:Exceptions'), rule.exceptions)
  const a = rule.actions
  const actions = r.ele(NS.t, 't:Actions')
  // RuleActionsType order.
  if (a.copyToFolder)
    actions.ele(NS.t, 't:CopyToFolder').ele(NS.t, 't:FolderId').att('Id', a.copyToFolder)
  if (a.delete) actions.ele(NS.t, 't:Delete').txt('true')
  if (a.forwardToRecipients)
    writeAddresses(actions.ele(NS.t, 't:ForwardToRecipients'), a.forwardToRecipients)
  if (a.markAsRead) actions.ele(NS.t, 't:MarkAsRead').txt('true')
  if (a.moveToFolder)
    actions.ele(NS.t, 't:MoveToFolder').ele(NS.t, 't:FolderId').att('Id', a.moveToFolder)
  if (a.redirectToRecipients)
    writeAddresses(actions.ele(NS.t, 't:RedirectToRecipients'), a.redirectToRecipients)
  if (a.stopProcessingRules) actions.ele(NS.t, 't:StopProcessingRules').txt('true')
}

function writePredicates(el: XmlElement, p: RulePredicates): void {
  // RulePredicatesType order.
  if (p.containsSubjectStrings) {
    const list = el.ele(NS.t, 't:ContainsSubjectStrings')
    for (const s of p.containsSubjectStrings) list.ele(NS.t, 't:String').txt(s)
  }
  if (p.fromAddresses) writeAddresses(el.ele(NS.t, 't:FromAddresses'), p.fromAddresses)
  if (p.hasAttachments !== undefined) el.ele(NS.t, 't:HasAttachments').txt(String(p.hasAttachments))
  if (p.importance !== undefined) el.ele(NS.t, 't:Importance').txt(p.importance)
  if (p.sentToMe !== undefined) el.ele(NS.t, 't:SentToMe').txt(String(p.sentToMe))
}

function writeAddresses(el: XmlElement, addresses: readonly EmailAddress[]): void {
  for (const a of addresses) {
    const address = el.ele(NS.t, 't:Address')
    if (a.name !== undefined) address.ele(NS.t, 't:Name').txt(a.name)
    address.ele(NS.t, 't:EmailAddress').txt(a.address)
    address.ele(NS.t, 't:RoutingType').txt('SMTP')
  }
}
