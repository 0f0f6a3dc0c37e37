// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/setuseroofsettings-operation
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import type { EwsError } from '../../domain/errors.ts'
import { requiredChild } from '../../soap/dom.ts'
import type { OofSettings } from '../../transport/auto-replies.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import {
  checkOwnMailbox,
  readOofMailbox,
  readUserOofSettings,
  renderOofResponseMessage,
} from '../shared/oof-xml.ts'

interface SetRequest {
  address: string
  settings: OofSettings | EwsError
}

/** Sets the caller's out-of-office settings; setting them starts a new "replied to" list. */
export const setUserOofSettings: Operation<SetRequest, undefined> = {
  name: 'SetUserOofSettingsRequest',
  responseName: 'SetUserOofSettings',
  parse: (el: Element): SetRequest => ({
    address: readOofMailbox(el),
    settings: readUserOofSettings(requiredChild(el, 't', 'UserOofSettings')),
  }),
  handle(req: SetRequest, ctx: OperationContext): Outcome<undefined>[] {
    return [
      attempt(() => {
        checkOwnMailbox(req.address, ctx)
        if (!('state' in req.settings)) throw req.settings
        ctx.transport.oof.set(ctx.mailbox, req.settings)
        return undefined
      }),
    ]
  },
  renderPayload(): void {},
  renderResponse(response: XmlElement, outcomes: readonly Outcome<undefined>[]): void {
    renderOofResponseMessage(response, outcomes[0]!)
  },
}
