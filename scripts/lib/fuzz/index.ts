/** A seeded fuzzer of the EWS endpoint, shared by scripts/fuzz.ts and test/integration/fuzz.test.ts. */
/*
 * Start from valid requests shaped as exchangelib and ews-javascript-api send them (a corpus over
 * folder and item operations, with real ids of the mailbox under test), mutate each by a few seeded
 * mutations (truncation, duplicated / removed / swapped / repeated elements, attributes and text of
 * the wrong type or size, random bytes, invalid characters, wrong namespaces, DTDs, deep nesting,
 * other encodings), send them to a real server and check every answer: HTTP 200 with well-formed
 * XML whose every ResponseCode is a value of messages.xsd ResponseCodeType, a SOAP fault (500) with
 * such a code, or 413. Anything else (no answer in time, a 5xx that is not a fault, ill-formed XML,
 * an unknown code, ErrorInternalServerError: an operation threw) is a crash.
 *
 * Same seed, same requests (generated one at a time, in order). They are sent a few at a time; with
 * concurrency 1 the server sees them in generation order too, so a crash is replayed by its seed
 * and index.
 */
export { checkAnswer } from './check.ts'
export type { CorpusIds } from './envelopes.ts'
export { generateCases } from './generate.ts'
export { ALL_MUTATIONS, MUST_FAIL_MUTATIONS } from './kinds.ts'
export type { MutationKind } from './kinds.ts'
export { prepareMailbox } from './mailbox.ts'
export { runCases } from './run.ts'
export type { FuzzReport } from './run.ts'
export { DEFAULT_SCHEMA_DIR, responseCodesOf } from './schema.ts'
