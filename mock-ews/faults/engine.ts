/**
 * Applies fault definitions: decides, per request, whether a fault fires. Matching reads the
 * operation, the caller and what the request names (folders, item classes); the count, window and
 * probability rules run on the injected clock and a seeded generator, so the same seed and the same
 * requests give the same faults.
 */
import type { Element } from '../soap/xml-tree.ts'
import type { Clock } from '../support/clock.ts'
import { seededIds } from '../support/ids.ts'
import type { DirectoryUser } from '../topology/directory.ts'
import { describeFault, parseFaultDefinition } from './definitions.ts'
import type { FaultDefinition } from './definitions.ts'

export interface ActiveFault {
  id: string
  definition: FaultDefinition
  description: string
  /** How many more times a `times` fault fires; undefined for other rules. */
  remaining: number | undefined
  /** How many requests it has shaped so far. */
  fired: number
}

export interface FaultRequest {
  operation: string
  user: DirectoryUser
  /** The operation element, to find the folders and item classes the request names. */
  element: Element
}

const T = 'http://schemas.microsoft.com/exchange/services/2006/types'

export class FaultEngine {
  readonly #faults: ActiveFault[] = []
  readonly #random: () => number
  #nextId = 0

  constructor(
    private readonly clock: Clock,
    seed = 1,
  ) {
    const ids = seededIds(seed)
    this.#random = () => {
      const b = ids.bytes(4)
      return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) / 2 ** 32
    }
  }

  /** Adds a fault (checked as untrusted data) and returns it with its id and description. */
  add(definition: FaultDefinition | unknown): ActiveFault {
    const def = parseFaultDefinition(definition)
    const fault: ActiveFault = {
      id: `fault-${++this.#nextId}`,
      definition: def,
      description: describeFault(def),
      remaining: def.when?.type === 'times' ? def.when.count : undefined,
      fired: 0,
    }
    this.#faults.push(fault)
    return structuredClone(fault)
  }

  /** Copies: changing one changes nothing in the engine. */
  list(): ActiveFault[] {
    return this.#faults.map((f) => structuredClone(f))
  }

  remove(id: string): boolean {
    const i = this.#faults.findIndex((f) => f.id === id)
    if (i >= 0) this.#faults.splice(i, 1)
    return i >= 0
  }

  clear(): void {
    this.#faults.length = 0
  }

  /** The first fault that fires for this request (in the order they were added), if any. */
  pick(req: FaultRequest): ActiveFault | undefined {
    for (const fault of this.#faults) {
      if (!matches(fault.definition, req) || !this.#fires(fault)) continue
      fault.fired++
      return structuredClone(fault)
    }
    return undefined
  }

  #fires(fault: ActiveFault): boolean {
    const when = fault.definition.when ?? { type: 'always' }
    switch (when.type) {
      case 'always':
        return true
      case 'times':
        if (!fault.remaining) return false
        fault.remaining--
        return true
      case 'window': {
        const now = this.clock.now().getTime()
        return now >= Date.parse(when.from) && now < Date.parse(when.to)
      }
      case 'probability':
        return this.#random() < when.p
    }
  }
}

function matches(def: FaultDefinition, req: FaultRequest): boolean {
  const m = def.match ?? {}
  if (m.operation !== undefined && m.operation !== req.operation) return false
  if (m.mailbox !== undefined && m.mailbox.toLowerCase() !== req.user.address) return false
  if (m.organisation !== undefined && m.organisation.toLowerCase() !== req.user.organisation.domain)
    return false
  if (m.folder !== undefined && !namedFolders(req.element).includes(m.folder)) return false
  if (m.itemClass !== undefined) {
    const prefix = m.itemClass.toLowerCase()
    if (!namedItemClasses(req.element).some((c) => c.toLowerCase().startsWith(prefix))) return false
  }
  return true
}

function namedFolders(el: Element): string[] {
  const out: string[] = []
  for (const name of ['DistinguishedFolderId', 'FolderId']) {
    for (const f of Array.from(el.getElementsByTagNameNS(T, name)))
      out.push(f.getAttribute('Id') ?? '')
  }
  return out
}

function namedItemClasses(el: Element): string[] {
  return Array.from(el.getElementsByTagNameNS(T, 'ItemClass')).map((c) =>
    (c.textContent ?? '').trim(),
  )
}
