/**
 * `run --shard i/n`: which scenario files one of n CI jobs runs. A file's shard is a hash of its
 * key (its path relative to the folder or glob given, files.ts), so it depends on nothing but that
 * path: adding or removing other files never moves it, and every job of a matrix computes the same
 * split, whatever its working folder or the place of its checkout.
 */
import { createHash } from 'node:crypto'
import type { ScenarioFile } from './files.ts'

export interface Shard {
  index: number
  count: number
}

/** `i/n` with 1 ≤ i ≤ n; undefined when it is not that. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text)
  if (!m) return undefined
  const index = Number(m[1])
  const count = Number(m[2])
  return index >= 1 && count >= 1 && index <= count && count <= 10_000
    ? { index, count }
    : undefined
}

/** The shard (1 … count) of the file with this key. */
export function shardOf(key: string, count: number): number {
  return (createHash('sha256').update(key).digest().readUInt32BE(0) % count) + 1
}

/** The files of the shard. */
export function inShard(files: readonly ScenarioFile[], shard: Shard): string[] {
  return files.filter((f) => shardOf(f.key, shard.count) === shard.index).map((f) => f.file)
}
