/* global fetch, sessionStorage, location, history, TextDecoderStream, setTimeout */
/**
 * The admin API as the page calls it. A token (decision 0046) comes in the URL fragment
 * (`/__admin/ui#token=…`, never sent to the server nor written to a log), is kept in this tab's
 * sessionStorage, and goes out as `Authorization: Bearer`. The fragment is removed from the
 * address bar at once. Server events arrive over fetch (EventSource cannot send a header).
 */
const KEY = 'ews-lab-admin-token'
const BASE = '/__admin'

const fragment = /^#token=(.+)$/.exec(location.hash)
if (fragment) {
  sessionStorage.setItem(KEY, decodeURIComponent(fragment[1]))
  history.replaceState(null, '', location.pathname + location.search)
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message)
    this.status = status
  }
}

let onUnauthorized = () => {}
/** What to do when the server refuses the token (ask the user for one). */
export function whenUnauthorized(fn) {
  onUnauthorized = fn
}

export function setToken(token) {
  sessionStorage.setItem(KEY, token)
  wake() // the event stream retries at once with it
}

function headers(extra = {}) {
  const token = sessionStorage.getItem(KEY)
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra
}

/** The message of an admin error answer: `{ error: { code, message } }` or `{ error: "…" }`. */
function errorText(status, body) {
  const e = body && body.error
  if (typeof e === 'string') return e
  if (e && typeof e.message === 'string') return e.code ? `${e.code}: ${e.message}` : e.message
  return `HTTP ${status}`
}

/** Calls the admin API; answers the parsed JSON (undefined for 204), throws ApiError otherwise. */
export async function api(method, path, body) {
  const res = await fetch(BASE + path, {
    method,
    cache: 'no-store',
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status === 401) onUnauthorized()
  const text = await res.text()
  let json
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!res.ok) throw new ApiError(res.status, errorText(res.status, json))
  return json
}

export const get = (path) => api('GET', path)
export const enc = encodeURIComponent

let wake = () => {}
const sleep = (ms) =>
  new Promise((resolve) => {
    wake = resolve
    setTimeout(resolve, ms)
  })

/** Calls `onEvent(name, data)` for each server-sent event, reconnecting; `onState` gets live/offline. */
export async function listen(onEvent, onState) {
  for (let wait = 500; ; wait = Math.min(wait * 2, 8000)) {
    try {
      const res = await fetch(`${BASE}/events`, { cache: 'no-store', headers: headers() })
      if (res.status === 401) onUnauthorized()
      if (!res.ok || !res.body) throw new ApiError(res.status, `events: HTTP ${res.status}`)
      onState('live')
      wait = 500
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += value.replace(/\r\n?/g, '\n')
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end), onEvent)
          buffer = buffer.slice(end + 2)
        }
      }
    } catch (e) {
      onState('offline', e)
    }
    onState('offline')
    await sleep(wait)
  }
}

function dispatch(block, onEvent) {
  let name = 'message'
  const data = []
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') name = value
    else if (field === 'data') data.push(value)
  }
  if (data.length === 0) return
  let parsed
  try {
    parsed = JSON.parse(data.join('\n'))
  } catch {
    parsed = data.join('\n')
  }
  onEvent(name, parsed)
}
