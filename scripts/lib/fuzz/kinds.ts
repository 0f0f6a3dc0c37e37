/** The kinds of mutation, the ones no request survives, and the defects already known. */
/** Mutations of the parsed request (structure). */
export const TREE_MUTATIONS = [
  'duplicate',
  'remove',
  'swap',
  'attribute',
  'text',
  'huge',
  'repeat',
  'namespace',
  'nest',
] as const
/** Mutations of the request text or bytes. */
export const TEXT_MUTATIONS = [
  'truncate',
  'bytes',
  'char',
  'doctype',
  'soap12',
  'too-deep',
  'encoding',
] as const

export type MutationKind = (typeof TREE_MUTATIONS)[number] | (typeof TEXT_MUTATIONS)[number]
export const ALL_MUTATIONS: readonly MutationKind[] = [...TREE_MUTATIONS, ...TEXT_MUTATIONS]

/**
 * Mutations after which no request is valid: the answer must be a refusal and nothing may change.
 * (A truncated document lacks at least its root's end tag; the characters are never allowed in XML;
 * DTDs are refused; SOAP 1.2 is not SOAP 1.1; nesting is over the server's limit.)
 */
export const MUST_FAIL_MUTATIONS: readonly MutationKind[] = [
  'truncate',
  'char',
  'doctype',
  'soap12',
  'too-deep',
]

/** Nesting depth of the server under test (the default of mock-ews), for 'nest' and 'too-deep'. */
export const DEPTH_LIMIT = 256
