/** The seeded mutations of a request's structure. */
import type { MutationKind } from './kinds.ts'
import { DEPTH_LIMIT } from './kinds.ts'
import type { Rng } from './rng.ts'
import { NS } from './schema.ts'
import { childElements, clone, elementsOf, isLeaf, localName, prefixOf, serialize } from './tree.ts'
import type { XNode } from './tree.ts'
import { AWKWARD_TEXT, BAD_VALUES, REPEAT_BYTES, WRONG_NAMESPACES } from './values.ts'

/** Applies one tree mutation to `root`; returns its description. */
export function mutateTree(rng: Rng, root: XNode, kind: MutationKind): string {
  const all = elementsOf(root)
  const inner = all.filter((e) => e.parent)
  // Earlier removals can leave the root alone.
  if (inner.length === 0) return `${kind} (nothing left under the root)`
  const { node: el, parent } = rng.pick(inner)
  const siblings = parent!.children
  const at = siblings.indexOf(el)
  switch (kind) {
    case 'duplicate': {
      siblings.splice(at + 1, 0, clone(el))
      return `duplicate ${el.name}`
    }
    case 'remove': {
      siblings.splice(at, 1)
      return `remove ${el.name}`
    }
    case 'swap': {
      const parents = all.filter((e) => childElements(e.node).length >= 2)
      if (parents.length === 0) return 'swap (nothing to swap)'
      const p = rng.pick(parents).node
      const kids = childElements(p)
      const i = rng.int(kids.length)
      let j = rng.int(kids.length - 1)
      if (j >= i) j++
      const a = kids[i]!
      const b = kids[j]!
      const ia = p.children.indexOf(a)
      const ib = p.children.indexOf(b)
      p.children[ia] = b
      p.children[ib] = a
      return `swap ${a.name} and ${b.name} in ${p.name}`
    }
    case 'attribute': {
      const plain = (n: XNode): string[] =>
        n.attrs.map(([k]) => k).filter((k) => !k.startsWith('xmlns'))
      const withAttrs = all.filter((e) => plain(e.node).length > 0)
      const target = withAttrs.length > 0 && rng.chance(0.8) ? rng.pick(withAttrs).node : el
      const names = plain(target)
      const roll = rng.int(4)
      if (roll === 0 && names.length > 0) {
        const n = rng.pick(names)
        target.attrs = target.attrs.filter(([k]) => k !== n)
        return `remove attribute ${target.name}/@${n}`
      }
      if (roll === 1 || names.length === 0) {
        const n = rng.pick([
          'Id',
          'ChangeKey',
          'Traversal',
          'Version',
          'Fuzz',
          'xsi:nil',
          'xml:lang',
        ])
        target.attrs = [...target.attrs.filter(([k]) => k !== n), [n, rng.pick(BAD_VALUES)]]
        if (n === 'xsi:nil' && !root.attrs.some(([k]) => k === 'xmlns:xsi'))
          target.attrs.push(['xmlns:xsi', NS.xsi])
        return `add attribute ${target.name}/@${n}`
      }
      const n = rng.pick(names)
      const value = rng.pick(BAD_VALUES)
      target.attrs = target.attrs.map(([k, v]): [string, string] => [k, k === n ? value : v])
      return `bad value of ${target.name}/@${n}`
    }
    case 'text': {
      const target = rng.pick(all.filter((e) => isLeaf(e.node))).node
      target.children = [rng.chance(0.8) ? rng.pick(BAD_VALUES) : rng.pick(AWKWARD_TEXT)]
      return `bad text of ${target.name}`
    }
    case 'huge': {
      const big = hugeString(rng, 100 * 1024)
      if (rng.chance(0.5)) {
        const target = rng.pick(all.filter((e) => isLeaf(e.node))).node
        target.children = [big]
        return `100 KB text in ${target.name}`
      }
      const n = rng.pick(['Id', 'ChangeKey', 'Value', 'FieldURI'])
      el.attrs = [...el.attrs.filter(([k]) => k !== n), [n, big]]
      return `100 KB attribute ${el.name}/@${n}`
    }
    case 'repeat': {
      const wanted = rng.pick([10, 100, 1000, 10_000])
      // Ten thousand small elements, fewer big ones: at most REPEAT_BYTES of copies.
      const size = serialize(el).join('').length
      const n = Math.max(2, Math.min(wanted, Math.floor(REPEAT_BYTES / size)))
      siblings.splice(at + 1, 0, ...Array.from({ length: n - 1 }, () => clone(el)))
      return `repeat ${el.name} ×${n}`
    }
    case 'namespace': {
      const declared = [
        ...new Set(
          all.flatMap((e) =>
            e.node.attrs.filter(([k]) => k.startsWith('xmlns:')).map(([k]) => k.slice(6)),
          ),
        ),
      ]
      const target = rng.chance(0.15) ? root : el
      const roll = rng.int(3)
      if (roll === 0) {
        // Another prefix (declared or not), or none.
        const prefix = rng.pick([...declared, 'x', ''])
        const renamed = prefix ? `${prefix}:${localName(target.name)}` : localName(target.name)
        const before = target.name
        target.name = renamed
        return `prefix of ${before} → ${renamed}`
      }
      // Its own prefix (or a declared one) bound to a wrong namespace, here or on the root.
      const prefix = roll === 1 ? prefixOf(target.name) : rng.pick(declared)
      const on = roll === 1 ? target : root
      const attr = prefix ? `xmlns:${prefix}` : 'xmlns'
      const uri = rng.pick(WRONG_NAMESPACES)
      on.attrs = [...on.attrs.filter(([k]) => k !== attr), [attr, uri]]
      return `${attr} on ${on.name} → ${uri}`
    }
    case 'nest': {
      const depth = all.find((e) => e.node === el)!.depth
      const levels = 1 + rng.int(Math.max(1, DEPTH_LIMIT - depth - 1))
      let wrapped: XNode = el
      for (let i = 0; i < levels; i++) wrapped = { name: el.name, attrs: [], children: [wrapped] }
      siblings[at] = wrapped
      return `nest ${el.name} in ${levels} copies of itself`
    }
    default:
      throw new Error(`not a tree mutation: ${kind}`)
  }
}

/** About `length` characters of one repeated unit (markup characters are escaped when serialised). */
function hugeString(rng: Rng, length: number): string {
  const unit = rng.pick(['a', 'é', '\u{1F600}', 'AAMkAD', '<>&"', ' '])
  return unit.repeat(Math.ceil(length / unit.length))
}
