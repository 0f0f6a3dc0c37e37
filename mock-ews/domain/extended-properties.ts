/**
 * Extended (MAPI) properties (Microsoft Learn, "ExtendedFieldURI", "MapiPropertyTypeType"): a
 * property is named by a tag below 0x8000, or by a property set (GUID) with a name or a numeric id.
 * Values are kept as Exchange writes them back (canonical text), one per entry; `isArray` says
 * whether they came as `t:Values`.
 */
import { EwsError } from './errors.ts'

export const MAPI_TYPES = [
  'ApplicationTime',
  'ApplicationTimeArray',
  'Binary',
  'BinaryArray',
  'CLSID',
  'CLSIDArray',
  'Currency',
  'CurrencyArray',
  'Double',
  'DoubleArray',
  'Error',
  'Float',
  'FloatArray',
  'Integer',
  'IntegerArray',
  'Long',
  'LongArray',
  'Null',
  'Object',
  'ObjectArray',
  'Short',
  'ShortArray',
  'SystemTime',
  'SystemTimeArray',
  'String',
  'StringArray',
  'Boolean',
] as const
export type MapiType = (typeof MAPI_TYPES)[number]

/** DistinguishedPropertySetId values and their GUIDs (MS-OXPROPS 1.3.2). */
export const DISTINGUISHED_SETS: Readonly<Record<string, string>> = {
  Meeting: '6ed8da90-450b-101b-98da-00aa003f1305',
  Appointment: '00062002-0000-0000-c000-000000000046',
  Common: '00062008-0000-0000-c000-000000000046',
  PublicStrings: '00020329-0000-0000-c000-000000000046',
  Address: '00062004-0000-0000-c000-000000000046',
  InternetHeaders: '00020386-0000-0000-c000-000000000046',
  CalendarAssistant: '11000e07-b51b-40d6-af21-caa85edab1d0',
  UnifiedMessaging: '4442858e-a9e3-4e80-b900-317a210cc15b',
  Task: '00062003-0000-0000-c000-000000000046',
  Sharing: '00062040-0000-0000-c000-000000000046',
}

/** An ExtendedFieldURI as the client wrote it (echoed back in that form) and its canonical key. */
export interface ExtendedFieldUri {
  /** Attributes as given (PropertyTag, PropertySetId, DistinguishedPropertySetId, PropertyName, PropertyId, PropertyType). */
  readonly attributes: readonly (readonly [string, string])[]
  /** Tag number, or lower-case set GUID with the name or id: the identity of the property. */
  readonly key: string
  readonly type: MapiType
}

export interface ExtendedProperty {
  readonly uri: ExtendedFieldUri
  readonly isArray: boolean
  readonly values: readonly string[]
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i

/** An ExtendedFieldURI from its attributes; a malformed one is ErrorInvalidExtendedProperty. */
export function extendedFieldUri(get: (name: string) => string | undefined): ExtendedFieldUri {
  const names = [
    'DistinguishedPropertySetId',
    'PropertySetId',
    'PropertyTag',
    'PropertyName',
    'PropertyId',
    'PropertyType',
  ]
  const attributes: [string, string][] = []
  for (const n of names) {
    const v = get(n)
    if (v !== undefined) attributes.push([n, v])
  }
  const a = Object.fromEntries(attributes) as Record<string, string | undefined>
  const type = a.PropertyType
  if (type === undefined || !(MAPI_TYPES as readonly string[]).includes(type))
    throw invalidUri(`PropertyType '${type ?? ''}' is not a MapiPropertyType.`)
  const hasSet = a.DistinguishedPropertySetId !== undefined || a.PropertySetId !== undefined
  if (a.PropertyTag !== undefined) {
    if (hasSet || a.PropertyName !== undefined || a.PropertyId !== undefined)
      throw invalidUri('PropertyTag cannot be combined with a property set, name or id.')
    const tag = parseNumber(a.PropertyTag)
    if (tag === undefined || tag < 1 || tag >= 0x8000)
      throw invalidUri(`PropertyTag '${a.PropertyTag}' is not a tag below 0x8000.`)
    return { attributes, key: `tag:${tag}`, type: type as MapiType }
  }
  if (a.DistinguishedPropertySetId !== undefined && a.PropertySetId !== undefined)
    throw invalidUri('Give DistinguishedPropertySetId or PropertySetId, not both.')
  const set =
    a.DistinguishedPropertySetId !== undefined
      ? DISTINGUISHED_SETS[a.DistinguishedPropertySetId]
      : GUID.exec(a.PropertySetId ?? '')?.[1]?.toLowerCase()
  if (set === undefined) throw invalidUri('The property set is missing or unknown.')
  if ((a.PropertyName === undefined) === (a.PropertyId === undefined))
    throw invalidUri('A property in a set needs a PropertyName or a PropertyId, not both.')
  if (a.PropertyName !== undefined)
    return { attributes, key: `${set}:name:${a.PropertyName}`, type: type as MapiType }
  const id = parseNumber(a.PropertyId ?? '')
  if (id === undefined) throw invalidUri(`PropertyId '${a.PropertyId}' is not a number.`)
  return { attributes, key: `${set}:id:${id}`, type: type as MapiType }
}

/** A PropertyTag or PropertyId: hex (0x…) or decimal. */
function parseNumber(s: string): number | undefined {
  const t = s.trim()
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return parseInt(t.slice(2), 16)
  if (/^[0-9]{1,10}$/.test(t)) return Number(t)
  return undefined
}

function invalidUri(why: string): EwsError {
  return new EwsError('ErrorInvalidExtendedProperty', `The extended property is invalid. ${why}`)
}

const INT_RANGES: Partial<Record<string, readonly [bigint, bigint]>> = {
  Short: [-32768n, 65535n],
  Integer: [-2147483648n, 4294967295n],
  Long: [-9223372036854775808n, 18446744073709551615n],
  Currency: [-9223372036854775808n, 9223372036854775807n],
  Error: [0n, 4294967295n],
}

/** The value in canonical text, or ErrorInvalidExtendedPropertyValue as Exchange refuses it. */
export function checkValue(type: MapiType, raw: string): string {
  const base = type.endsWith('Array') ? type.slice(0, -'Array'.length) : type
  const v = base === 'String' ? raw : raw.trim()
  const range = INT_RANGES[base]
  if (range) {
    if (/^[+-]?[0-9]{1,20}$/.test(v)) {
      const n = BigInt(v)
      if (n >= range[0] && n <= range[1]) return n.toString()
    }
    throw invalidValue(type, raw)
  }
  switch (base) {
    case 'Boolean':
      if (v === 'true' || v === '1') return 'true'
      if (v === 'false' || v === '0') return 'false'
      break
    case 'Double':
    case 'Float':
    case 'ApplicationTime':
      if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(v)) return String(Number(v))
      break
    case 'SystemTime': {
      const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.test(v)
        ? Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(v) ? v : `${v}Z`)
        : NaN
      if (!Number.isNaN(ms)) return `${new Date(ms).toISOString().slice(0, 19)}Z`
      break
    }
    case 'Binary':
    case 'Object':
      if (/^[A-Za-z0-9+/\s]*={0,2}$/.test(v) && v.replace(/\s/g, '').length % 4 === 0)
        return v.replace(/\s/g, '')
      break
    case 'CLSID': {
      const m = GUID.exec(v)
      if (m) return m[1]!.toLowerCase()
      break
    }
    case 'String':
      return v
    case 'Null':
      if (v === '') return ''
      break
  }
  throw invalidValue(type, raw)
}

function invalidValue(type: MapiType, raw: string): EwsError {
  return new EwsError(
    'ErrorInvalidExtendedPropertyValue',
    `The extended property value '${raw.slice(0, 64)}' is invalid for type ${type}.`,
  )
}

/** Properties with `change` applied: same key replaced, others kept in order. */
export function withProperty(
  list: readonly ExtendedProperty[] | undefined,
  change: ExtendedProperty,
): ExtendedProperty[] {
  const out = (list ?? []).filter((p) => p.uri.key !== change.uri.key)
  out.push(change)
  return out
}

/** The property named by `uri` (same key and type), if the item has it. */
export function findProperty(
  list: readonly ExtendedProperty[] | undefined,
  uri: ExtendedFieldUri,
): ExtendedProperty | undefined {
  return list?.find((p) => p.uri.key === uri.key && p.uri.type === uri.type)
}
