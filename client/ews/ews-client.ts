/**
 * The client's EWS transport: one method per operation the offline-IM engine needs, each one HTTP
 * exchange with `/EWS/Exchange.asmx`, each returning an EwsResult and never throwing. Batch calls
 * (GetItem, DeleteItem, GetFolder) return one result per entry, in request order.
 */
import { postXml } from './http.ts'
import type { Credentials, Fetch } from './http.ts'
import { nodeFetch } from './node-fetch.ts'
import {
  isProblem,
  readCreatedFolderId,
  readCreatedItemId,
  readFindFolderPayload,
  readFindItemPayload,
  readFolderPayload,
} from './payloads.ts'
import type { Read } from './payloads.ts'
import { readGetItemPayload } from './payloads.ts'
import {
  createFolderXml,
  createItemXml,
  deleteItemXml,
  findFolderXml,
  findItemXml,
  getFolderXml,
  getItemXml,
  sendItemXml,
} from './requests.ts'
import { failure, success } from './result.ts'
import type { EwsResult } from './result.ts'
import { buildEnvelope, isSuccess, messageFailure, readSoapAnswer } from './soap.ts'
import type { ResponseMessage } from './soap.ts'
import type {
  CreateItemRequest,
  DeleteMode,
  EwsMessage,
  EwsTransport,
  FieldURI,
  FindItemPage,
  FindItemRequest,
  FolderInfo,
  FolderRef,
  ItemId,
  ItemRef,
  SendItemRequest,
} from './types.ts'

export interface EwsClientOptions {
  /** The EWS endpoint, e.g. from Autodiscover. */
  ewsUrl: string
  credentials: Credentials
  /** The RequestServerVersion header; Exchange2013 (the first with conversationhistory) by default. */
  requestServerVersion?: string
  /** The longest one call may take, answer included; 30 s by default. */
  timeoutMs?: number
  fetch?: Fetch
}

/**
 * @example
 * const ews = new EwsClient({ ewsUrl, credentials: { kind: 'basic', user: 'alice@contoso.com', password } })
 * const inbox = await ews.getFolder(['inbox'])
 * if (inbox.ok) console.log(inbox.value.folders)
 */
export class EwsClient implements EwsTransport {
  readonly #url: string
  readonly #credentials: Credentials
  readonly #version: string
  readonly #timeoutMs: number
  readonly #fetch: Fetch

  constructor(options: EwsClientOptions) {
    this.#url = options.ewsUrl
    this.#credentials = options.credentials
    this.#version = options.requestServerVersion ?? 'Exchange2013'
    this.#timeoutMs = options.timeoutMs ?? 30_000
    this.#fetch = options.fetch ?? nodeFetch
  }

  /** CreateItem of one message; the id comes back for SaveOnly, not for the sending dispositions. */
  async createItem(request: CreateItemRequest): Promise<EwsResult<{ itemId?: ItemId }>> {
    const answer = await this.#single('CreateItem', createItemXml(request))
    return chain(answer, (m) => {
      const itemId = readCreatedItemId(m.node)
      return isProblem(itemId) ? itemId : itemId === undefined ? {} : { itemId }
    })
  }

  /** SendItem of one saved draft. */
  async sendItem(request: SendItemRequest): Promise<EwsResult<void>> {
    return chain(await this.#single('SendItem', sendItemXml(request)), () => undefined)
  }

  /** GetItem: ItemClass, Subject, IsRead, From, DateTimeReceived, InternetMessageId, and `additional` (e.g. `item:Body`). */
  async getItem(
    ids: readonly ItemRef[],
    options: { additional?: readonly FieldURI[] } = {},
  ): Promise<EwsResult<{ messages: EwsResult<EwsMessage>[] }>> {
    if (ids.length === 0) return success({ messages: [] })
    const answer = await this.#batch(
      'GetItem',
      getItemXml(ids, options.additional ?? []),
      ids.length,
    )
    return chain(answer, (ms) => perEntry(ms, readGetItemPayload, (messages) => ({ messages })))
  }

  /** FindItem in one folder: one page, with an optional IsEqualTo restriction. */
  async findItem(request: FindItemRequest): Promise<EwsResult<FindItemPage>> {
    return chain(await this.#single('FindItem', findItemXml(request)), (m) =>
      readFindItemPayload(m.node),
    )
  }

  async deleteItem(
    ids: readonly ItemRef[],
    mode: DeleteMode,
  ): Promise<EwsResult<{ results: EwsResult<void>[] }>> {
    if (ids.length === 0) return success({ results: [] })
    const answer = await this.#batch('DeleteItem', deleteItemXml(ids, mode), ids.length)
    return chain(answer, (ms) =>
      perEntry(
        ms,
        () => undefined,
        (results) => ({ results }),
      ),
    )
  }

  /** GetFolder: id, DisplayName, TotalCount and UnreadCount of each folder. */
  async getFolder(
    folders: readonly FolderRef[],
  ): Promise<EwsResult<{ folders: EwsResult<FolderInfo>[] }>> {
    if (folders.length === 0) return success({ folders: [] })
    const answer = await this.#batch('GetFolder', getFolderXml(folders), folders.length)
    return chain(answer, (ms) => perEntry(ms, readFolderPayload, (all) => ({ folders: all })))
  }

  /** FindFolder one level under `parent` (e.g. the Missed Conversations view under searchfolders). */
  async findFolder(parent: FolderRef): Promise<EwsResult<{ folders: FolderInfo[] }>> {
    return chain(await this.#single('FindFolder', findFolderXml(parent)), (m) => {
      const folders = readFindFolderPayload(m.node)
      return isProblem(folders) ? folders : { folders }
    })
  }

  /** CreateFolder of one folder under `parent`. */
  async createFolder(
    parent: FolderRef,
    folder: { displayName: string; folderClass: string },
  ): Promise<EwsResult<{ id: string; changeKey: string }>> {
    return chain(await this.#single('CreateFolder', createFolderXml(parent, folder)), (m) =>
      readCreatedFolderId(m.node),
    )
  }

  /** One request, one successful response message expected: an Error message fails the call. */
  async #single(operation: string, body: string): Promise<EwsResult<ResponseMessage>> {
    const answer = await this.#batch(operation, body, 1)
    if (!answer.ok) return answer
    const message = answer.value[0]!
    return isSuccess(message) ? success(message) : failure(messageFailure(message))
  }

  /** One request naming `count` entries: exactly `count` response messages expected. */
  async #batch(
    operation: string,
    body: string,
    count: number,
  ): Promise<EwsResult<ResponseMessage[]>> {
    const http = await postXml(this.#url, buildEnvelope(body, this.#version), {
      credentials: this.#credentials,
      timeoutMs: this.#timeoutMs,
      fetch: this.#fetch,
    })
    if (!http.ok) return http
    const answer = readSoapAnswer(http.value, operation)
    if (!answer.ok || answer.value.length === count) return answer
    return failure({
      kind: 'malformed',
      detail: `${operation}: ${answer.value.length} response messages for ${count} entries`,
    })
  }
}

/** Reads the payload of a successful answer; a payload problem makes the call `malformed`. */
function chain<A, B>(result: EwsResult<A>, read: (value: A) => Read<B>): EwsResult<B> {
  if (!result.ok) return result
  const value = read(result.value)
  return isProblem(value) ? failure({ kind: 'malformed', detail: value.problem }) : success(value)
}

/** One result per response message: its payload when it succeeded, its failure when not. */
function perEntry<T, V>(
  messages: ResponseMessage[],
  read: (node: ResponseMessage['node']) => Read<T>,
  wrap: (entries: EwsResult<T>[]) => V,
): Read<V> {
  const entries: EwsResult<T>[] = []
  for (const m of messages) {
    if (!isSuccess(m)) {
      entries.push(failure(messageFailure(m)))
      continue
    }
    const value = read(m.node)
    if (isProblem(value)) return value
    entries.push(success(value))
  }
  return wrap(entries)
}
