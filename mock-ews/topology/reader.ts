/** Reads untyped YAML values into typed ones, failing with the field path and what was expected. */
export type Path = (string | number)[]
export type Fail = (path: Path, expected: string, atKey?: boolean) => never

export class Reader {
  constructor(readonly fail: Fail) {}

  object(v: unknown, path: Path, keys: string[]): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.fail(path, 'a mapping')
    for (const k of Object.keys(v)) {
      if (!keys.includes(k))
        this.fail([...path, k], `no key "${k}" (allowed: ${keys.join(', ')})`, true)
    }
    return v as Record<string, unknown>
  }

  array(v: unknown, path: Path, min: number): unknown[] {
    if (!Array.isArray(v)) return this.fail(path, 'a list')
    if (v.length < min) this.fail(path, `a list of at least ${min} entr${min === 1 ? 'y' : 'ies'}`)
    return v
  }

  string(v: unknown, path: Path, expected: string, pattern?: RegExp, lower = false): string {
    if (typeof v !== 'string' || v.trim() === '') return this.fail(path, expected)
    const s = lower ? v.trim().toLowerCase() : v.trim()
    if (pattern && !pattern.test(lower ? s.replace(/^sip:/, '') : s)) this.fail(path, expected)
    return s
  }

  boolean(v: unknown, path: Path): boolean {
    if (typeof v !== 'boolean') return this.fail(path, 'true or false')
    return v
  }
}
