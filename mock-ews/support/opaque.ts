/**
 * Opaque tokens handed to clients (sync states, watermarks): base64 of JSON. Reading is strict:
 * a token that is not exactly what we wrote (Node's base64 decoder would skip junk characters)
 * reads as undefined.
 */
export function toOpaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64')
}

export function fromOpaque(token: string): unknown {
  const bytes = Buffer.from(token, 'base64')
  if (bytes.toString('base64') !== token) return undefined
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}
