/** Attachments in requests, for the attachment tests. */
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { call } from './ews.ts'
import type { SoapAnswer } from './ews.ts'
import { createItemXml, getItemXml, itemId } from './items.ts'

export const CONTENT = Buffer.from('Hello, attachment!\n')

/** A `t:FileAttachment` of text/plain with the given content (and elements before Content). */
export function attachment(name: string, content = CONTENT, extra = ''): string {
  return (
    `<t:FileAttachment><t:Name>${name}</t:Name><t:ContentType>text/plain</t:ContentType>` +
    `${extra}<t:Content>${content.toString('base64')}</t:Content></t:FileAttachment>`
  )
}

/** A `t:Message` with the given attachments (and one To recipient when given). */
export function messageWith(attachments: string, to = ''): string {
  return (
    '<t:Message><t:Subject>With attachment</t:Subject><t:Body BodyType="Text">See attached</t:Body>' +
    `<t:Attachments>${attachments}</t:Attachments>` +
    (to &&
      `<t:ToRecipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients>`) +
    '</t:Message>'
  )
}

/** Saves such a message in Drafts and returns its id. */
export async function saved(ews: EwsApp, attachments: string): Promise<string> {
  const res = await call(ews.app, createItemXml('SaveOnly', messageWith(attachments)))
  expect(res.codes()).to.deep.equal(['NoError'])
  return res.value('//t:Message/t:ItemId/@Id')
}

export const getItem = (ews: EwsApp, id: string, user?: string): Promise<SoapAnswer> =>
  call(ews.app, getItemXml(itemId(id)), user)
