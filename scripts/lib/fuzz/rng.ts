/** The seeded randomness of the fuzzer. */
/** A seeded generator (mulberry32): the same seed gives the same sequence. */
export class Rng {
  #state: number
  constructor(seed: number) {
    this.#state = seed >>> 0
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list')
    return list[this.int(list.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}
