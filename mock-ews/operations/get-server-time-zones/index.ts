// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getservertimezones
import type { Element } from '../../soap/xml-tree.ts'
import type { XmlElement } from '../../soap/xml-writer.ts'
import { EwsError } from '../../domain/errors.ts'
import { isWindowsZone, windowsZoneIds } from '../../domain/time-zones.ts'
import { attr, child, childElements } from '../../soap/dom.ts'
import { NS } from '../../soap/namespaces.ts'
import { attempt } from '../operation.ts'
import type { Operation, OperationContext, Outcome } from '../operation.ts'
import { readBoolean } from '../shared/message-xml.ts'
import { renderTimeZoneDefinition } from '../shared/time-zone-xml.ts'

interface GetServerTimeZonesRequest {
  /** The ids asked for; absent: every zone. */
  ids: string[] | undefined
  full: boolean
}

interface Zones {
  ids: string[]
  year: number
}

/** The Windows time zones mock-ews knows (CLDR's windowsZones, decision 0048), this year's rules. */
export const getServerTimeZones: Operation<GetServerTimeZonesRequest, Zones> = {
  name: 'GetServerTimeZones',
  parse(el: Element): GetServerTimeZonesRequest {
    const ids = child(el, 'm', 'Ids')
    const full = attr(el, 'ReturnFullTimeZoneData')
    return {
      ids: ids && childElements(ids, NS.t, 'Id').map((i) => (i.textContent ?? '').trim()),
      full: full === undefined ? true : readBoolean('ReturnFullTimeZoneData', full),
    }
  },
  handle(req: GetServerTimeZonesRequest, ctx: OperationContext): Outcome<Zones>[] {
    return [
      attempt(() => {
        const unknown = req.ids?.find((id) => !isWindowsZone(id))
        if (unknown !== undefined)
          throw new EwsError('ErrorInvalidRequest', `The time zone id '${unknown}' is invalid.`)
        return { ids: req.ids ?? windowsZoneIds(), year: ctx.clock.now().getUTCFullYear() }
      }),
    ]
  },
  renderPayload(message: XmlElement, zones: Zones, req: GetServerTimeZonesRequest): void {
    const list = message.ele(NS.m, 'm:TimeZoneDefinitions')
    for (const id of zones.ids)
      renderTimeZoneDefinition(list, 'TimeZoneDefinition', id, zones.year, req.full)
  },
  emptyPayload: 'TimeZoneDefinitions',
}
