// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getuseroofsettings-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { NS } from '../../soap/namespaces.ts'
import type { OofSettings } from '../../transport/auto-replies.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import {
  checkOwnMailbox,
  readOofMailbox,
  renderOofResponseMessage,
  renderOofSettings,
} from '../shared/oof-xml.ts'

interface Answer {
  settings: OofSettings
  now: Date
}

/** The caller's out-of-office settings: m:ResponseMessage, t:OofSettings, m:AllowExternalOof. */
export const getUserOofSettings: Operation<string, Answer> = {
  name: 'GetUserOofSettingsRequest',
  responseName: 'GetUserOofSettings',
  parse: (el: Element): string => readOofMailbox(el),
  handle(address: string, ctx: OperationContext): Outcome<Answer>[] {
    return [
      attempt(() => {
        checkOwnMailbox(address, ctx)
        return { settings: ctx.transport.oof.get(ctx.mailbox), now: ctx.clock.now() }
      }),
    ]
  },
  renderPayload(): void {},
  renderResponse(response: XmlElement, outcomes: readonly Outcome<Answer>[]): void {
    const outcome = outcomes[0]!
    renderOofResponseMessage(response, outcome)
    if (!outcome.ok) return
    renderOofSettings(response, outcome.value.settings, outcome.value.now)
    response.ele(NS.m, 'm:AllowExternalOof').txt('All')
  },
}
