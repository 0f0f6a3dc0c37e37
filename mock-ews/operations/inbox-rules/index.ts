// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getinboxrules-operation
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateinboxrules-operation
// Both answers are bare response messages (messages.xsd types GetInboxRulesResponse as a
// ResponseMessageType): ResponseClass and ResponseCode sit on the response element itself.
import type { Element } from '../../soap/xml-tree.ts'
import { EwsError } from '../../domain/errors.ts'
import type { InboxRule, RuleOperation } from '../../rules/inbox-rules.ts'
import { child, childElements, requiredChild, schemaError, text } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readRule, writeRule } from './rule-xml.ts'
import type { RuleValidationError } from './rule-xml.ts'

/** ErrorInboxRulesValidationError with the errors of each operation, by index. */
class RuleValidationFailure extends EwsError {
  constructor(readonly operations: ReadonlyMap<number, RuleValidationError[]>) {
    super(
      'ErrorInboxRulesValidationError',
      'Validation error(s) occurred while processing the request.',
    )
  }
}

/** Only the caller's own mailbox (another one is ErrorAccessDenied, as README "delegates" says). */
function checkMailbox(el: Element, ctx: OperationContext): void {
  const address = text(child(el, 'm', 'MailboxSmtpAddress'))
    ?.trim()
    .toLowerCase()
  if (address && address !== ctx.mailbox) {
    if (!ctx.store.getMailbox(address)) throw new EwsError('ErrorNonExistentMailbox')
    throw new EwsError('ErrorAccessDenied', `The caller has no access to the rules of ${address}.`)
  }
}

export const getInboxRules: Operation<Element, readonly InboxRule[]> = {
  name: 'GetInboxRules',
  bare: true,
  parse: (el) => el,
  handle(el: Element, ctx: OperationContext): Outcome<readonly InboxRule[]>[] {
    return [
      attempt(() => {
        checkMailbox(el, ctx)
        return ctx.rules.list(ctx.mailbox)
      }),
    ]
  },
  renderPayload(message: XmlElement, rules: readonly InboxRule[]): void {
    message.ele(NS.m, 'm:OutlookRuleBlobExists').txt('false')
    const list = message.ele(NS.m, 'm:InboxRules')
    for (const rule of rules) writeRule(list, rule)
  },
}

export const updateInboxRules: Operation<Element, void> = {
  name: 'UpdateInboxRules',
  bare: true,
  parse: (el) => el,
  handle(el: Element, ctx: OperationContext): Outcome<void>[] {
    const access = attempt(() => checkMailbox(el, ctx))
    if (!access.ok) return [access]
    // Schema problems (thrown here) are SOAP faults; rule problems are the message's error.
    const elements = childElements(requiredChild(el, 'm', 'Operations'), NS.t)
    if (elements.length === 0) throw schemaError("'Operations' needs an operation.")
    const existing = new Set(ctx.rules.list(ctx.mailbox).map((r) => r.ruleId))
    const failures = new Map<number, RuleValidationError[]>()
    const touched = new Set<string>()
    const operations = elements.map((op, index): RuleOperation => {
      const errors: RuleValidationError[] = []
      const result = readOperation(op, ctx, errors, existing)
      const id =
        result.type === 'delete'
          ? result.ruleId
          : result.type === 'set'
            ? result.rule.ruleId
            : undefined
      if (id && touched.has(id))
        errors.push({
          fieldUri: 'RuleId',
          errorCode: 'DuplicatedOperationOnTheSameRule',
          errorMessage: 'Only one operation per rule in a request.',
          fieldValue: id,
        })
      if (id) touched.add(id)
      if (errors.length > 0) failures.set(index, errors)
      return result
    })
    // All or nothing: a request with any invalid operation changes no rule.
    if (failures.size > 0) return [{ ok: false, error: new RuleValidationFailure(failures) }]
    ctx.rules.update(ctx.mailbox, operations)
    return [{ ok: true, value: undefined }]
  },
  renderPayload(): void {},
  emptyPayload(message: XmlElement, error: EwsError): void {
    if (!(error instanceof RuleValidationFailure)) return
    const list = message.ele(NS.m, 'm:RuleOperationErrors')
    for (const [index, errors] of error.operations) {
      const e = list.ele(NS.t, 't:RuleOperationError')
      e.ele(NS.t, 't:OperationIndex').txt(String(index))
      const v = e.ele(NS.t, 't:ValidationErrors')
      for (const err of errors) {
        const x = v.ele(NS.t, 't:Error')
        x.ele(NS.t, 't:FieldURI').txt(err.fieldUri)
        x.ele(NS.t, 't:ErrorCode').txt(err.errorCode)
        x.ele(NS.t, 't:ErrorMessage').txt(err.errorMessage)
        x.ele(NS.t, 't:FieldValue').txt(err.fieldValue)
      }
    }
  },
}

function readOperation(
  op: Element,
  ctx: OperationContext,
  errors: RuleValidationError[],
  existing: ReadonlySet<string>,
): RuleOperation {
  const notFound = (id: string): RuleValidationError => ({
    fieldUri: 'RuleId',
    errorCode: 'RuleNotFound',
    errorMessage: 'The rule was not found.',
    fieldValue: id,
  })
  if (op.localName === 'DeleteRuleOperation') {
    const ruleId = text(requiredChild(op, 't', 'RuleId'))?.trim() ?? ''
    if (!existing.has(ruleId)) errors.push(notFound(ruleId))
    return { type: 'delete', ruleId }
  }
  if (op.localName !== 'CreateRuleOperation' && op.localName !== 'SetRuleOperation')
    throw schemaError(`'${op.localName}' is not a rule operation.`)
  const { ruleId, ...rule } = readRule(requiredChild(op, 't', 'Rule'), ctx, errors)
  if (op.localName === 'CreateRuleOperation') {
    if (ruleId)
      errors.push({
        fieldUri: 'RuleId',
        errorCode: 'CreateWithRuleId',
        errorMessage: 'A new rule cannot have a RuleId.',
        fieldValue: ruleId,
      })
    return { type: 'create', rule }
  }
  if (!ruleId) {
    errors.push({
      fieldUri: 'RuleId',
      errorCode: 'MissingParameter',
      errorMessage: 'SetRuleOperation needs the RuleId.',
      fieldValue: '',
    })
    return { type: 'set', rule: { ...rule, ruleId: '' } }
  }
  if (!existing.has(ruleId)) errors.push(notFound(ruleId))
  return { type: 'set', rule: { ...rule, ruleId } }
}
