/**
 * A contact's MIME form, as Exchange gives it for `t:Contact` MimeContent: a vCard 3.0 (RFC 2426),
 * written by ical.js from the stored contact — names, e-mail addresses, phone numbers, postal
 * addresses, company, title, notes (the body as text).
 */
import ICAL from 'ical.js'
import type { Item } from '../domain/items.ts'

const PHONE_TYPES: Readonly<Record<string, string>> = {
  BusinessPhone: 'work,voice',
  BusinessFax: 'work,fax',
  HomePhone: 'home,voice',
  HomeFax: 'home,fax',
  MobilePhone: 'cell',
  Pager: 'pager',
}

export function buildVCard(item: Item): Buffer {
  const c = item.contact!
  const v = (name: string): string => {
    const value = c.values[name]
    return typeof value === 'string' ? value : ''
  }
  const card = new ICAL.Component('vcard')
  card.addPropertyWithValue('version', '3.0')
  card.addPropertyWithValue('fn', v('DisplayName') || item.subject)
  const n = new ICAL.Property('n', card)
  n.setValue([v('Surname'), v('GivenName'), v('MiddleName'), '', ''])
  card.addProperty(n)
  if (v('Nickname')) card.addPropertyWithValue('nickname', v('Nickname'))
  if (v('CompanyName')) card.addPropertyWithValue('org', v('CompanyName'))
  if (v('JobTitle')) card.addPropertyWithValue('title', v('JobTitle'))
  for (const e of c.emailAddresses)
    card.addPropertyWithValue('email', e.address).setParameter('type', 'internet')
  for (const p of c.phoneNumbers)
    card.addPropertyWithValue('tel', p.number).setParameter('type', PHONE_TYPES[p.key] ?? 'voice')
  for (const a of c.physicalAddresses) {
    const adr = new ICAL.Property('adr', card)
    const part = (k: keyof typeof a.parts): string => a.parts[k] ?? ''
    adr.setValue([
      '',
      '',
      part('Street'),
      part('City'),
      part('State'),
      part('PostalCode'),
      part('CountryOrRegion'),
    ])
    adr.setParameter('type', a.key === 'Business' ? 'work' : a.key.toLowerCase())
    card.addProperty(adr)
  }
  if (item.body.text) card.addPropertyWithValue('note', item.body.text)
  return Buffer.from(`${card.toString()}\r\n`, 'utf8')
}
