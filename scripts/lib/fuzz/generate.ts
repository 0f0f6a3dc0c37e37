/** Generates the cases of a seed: corpus entries with a few seeded mutations each. */
import { corpus } from './corpus.ts'
import type { CorpusIds } from './envelopes.ts'
import { ALL_MUTATIONS, TREE_MUTATIONS } from './kinds.ts'
import type { MutationKind } from './kinds.ts'
import { mutateText } from './mutate-text.ts'
import { mutateTree } from './mutate-tree.ts'
import { Rng } from './rng.ts'
import { parseTree, serialize } from './tree.ts'
import { INVALID_CHARS } from './values.ts'

export interface FuzzCase {
  index: number
  seedName: string
  mutations: string[]
  body: string | Uint8Array
}

/** How often a mutation is picked, relative to the others (the big ones are slow to send and read). */
const WEIGHT: Partial<Record<MutationKind, number>> = { huge: 0.5, repeat: 0.5, 'too-deep': 0.5 }

function pickWeighted(rng: Rng, kinds: readonly MutationKind[]): MutationKind {
  const total = kinds.reduce((sum, k) => sum + (WEIGHT[k] ?? 1), 0)
  let x = rng.next() * total
  for (const k of kinds) {
    x -= WEIGHT[k] ?? 1
    if (x < 0) return k
  }
  return kinds[kinds.length - 1]!
}

/**
 * The `count` cases of a seed: each a corpus entry with one to three mutations of `kinds` (one
 * half the time)
 * (structure first, then text), generated one at a time (some are megabytes). Deterministic in
 * (seed, count, kinds, ids).
 */
export interface GenerateOptions {
  /** Mutations to draw from (all by default). */
  kinds?: readonly MutationKind[]
}

export function* generateCases(
  seed: number,
  count: number,
  ids: CorpusIds,
  options: GenerateOptions = {},
): Generator<FuzzCase> {
  const { kinds = ALL_MUTATIONS } = options
  const rng = new Rng(seed)
  for (let index = 0; index < count; index++) {
    const entry = rng.pick(corpus(ids, rng))
    const n = rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3
    const chosen = Array.from({ length: n }, () => pickWeighted(rng, kinds))
    const isTree = (k: MutationKind): boolean => (TREE_MUTATIONS as readonly string[]).includes(k)
    const tree = chosen.filter(isTree)
    const text = chosen.filter((k) => !isTree(k))
    const mutations: string[] = []
    let body: string | Uint8Array = entry.body
    if (tree.length > 0) {
      const { decl, root } = parseTree(entry.body)
      for (const k of tree) mutations.push(mutateTree(rng, root, k))
      body = decl + serialize(root).join('')
    }
    for (const k of text) {
      const out = mutateText(rng, body, k, INVALID_CHARS)
      body = out.body
      mutations.push(out.what)
    }
    yield { index, seedName: entry.name, mutations, body }
  }
}
