import { expect } from 'chai'
import request from 'supertest'
import type { EwsApp } from '../../mock-ews/index.ts'
import {
  call,
  envelope,
  EXCHANGELIB_PROBE,
  exchangelibEnvelope,
  folderId,
  folderIdOf,
  getFolderXml,
  post,
  testApp,
} from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'

const ALICE = 'alice@contoso.com'

const alternateId = (id: string, format: string, mailbox = ALICE): string =>
  `<t:AlternateId Format="${format}" Id="${id}" Mailbox="${mailbox}"/>`

const convertIdXml = (destination: string, sources: string): string =>
  `<m:ConvertId DestinationFormat="${destination}"><m:SourceIds>${sources}</m:SourceIds></m:ConvertId>`

async function convert(
  app: EwsApp['app'],
  id: string,
  from: string,
  to: string,
): Promise<SoapAnswer> {
  return call(app, convertIdXml(to, alternateId(id, from)))
}

const converted = (res: SoapAnswer, n = 1): string =>
  res.value(`//m:ConvertIdResponseMessage[${n}]/m:AlternateId/@Id`)

describe('ConvertId', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp()
  })

  describe("exchangelib's probe", () => {
    it('answers 200 with ErrorInvalidIdMalformed and a ServerVersionInfo header', async () => {
      const res = await call(ews.app, EXCHANGELIB_PROBE)
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
      expect(res.value('//m:ConvertIdResponseMessage/@ResponseClass')).to.equal('Error')
      expect(res.value('/s:Envelope/s:Header/t:ServerVersionInfo/@MajorVersion')).to.equal('15')
      expect(res.value('/s:Envelope/s:Header/t:ServerVersionInfo/@Version')).to.match(/^V20\d\d_/)
      expect(res.select('//m:ConvertIdResponseMessage/m:AlternateId')).to.have.length(0)
    })

    it('answers the probe as sent by exchangelib: s: prefix, XML declaration, Exchange2016', async () => {
      const res = await post(ews.app, exchangelibEnvelope(EXCHANGELIB_PROBE), ALICE)
      expect(res.status).to.equal(200)
      expect(res.headers['content-type']).to.match(/^text\/xml/)
      expect(res.text).to.contain('ErrorInvalidIdMalformed')
    })

    it("answers carol's probe with the Exchange Online version header", async () => {
      const res = await call(ews.app, EXCHANGELIB_PROBE, 'carol@fabrikam.com')
      expect(res.status).to.equal(200)
      expect(res.value('//t:ServerVersionInfo/@MinorVersion')).to.equal('20')
      expect(res.value('//t:ServerVersionInfo/@Version')).to.equal('V2018_01_08')
    })

    it('challenges an unauthenticated probe with 401 and a Basic WWW-Authenticate', async () => {
      const res = await request(ews.app)
        .post('/EWS/Exchange.asmx')
        .set('Content-Type', 'text/xml; charset=utf-8')
        .send(envelope(EXCHANGELIB_PROBE))
      expect(res.status).to.equal(401)
      expect(res.headers['www-authenticate']).to.match(/(^|, )Basic realm="[^"]+"(, |$)/)
    })
  })

  describe('round trips', () => {
    it('converts a folder EwsId to HexEntryId and back to the original id', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const hex = await convert(ews.app, inbox, 'EwsId', 'HexEntryId')
      expect(hex.codes()).to.deep.equal(['NoError'])
      expect(hex.value('//m:AlternateId/@Format')).to.equal('HexEntryId')
      const hexId = converted(hex)
      expect(hexId).to.match(/^[0-9A-F]+$/)
      const back = await convert(ews.app, hexId, 'HexEntryId', 'EwsId')
      expect(back.codes()).to.deep.equal(['NoError'])
      expect(converted(back)).to.equal(inbox)
    })

    it('converts a folder EwsId to OwaId and back to the original id', async () => {
      const calendar = await folderIdOf(ews.app, 'calendar')
      const owa = await convert(ews.app, calendar, 'EwsId', 'OwaId')
      expect(owa.codes()).to.deep.equal(['NoError'])
      const owaId = converted(owa)
      expect(owaId).to.not.match(/[+/=]/)
      const back = await convert(ews.app, owaId, 'OwaId', 'EwsId')
      expect(converted(back)).to.equal(calendar)
    })

    it('converts through EntryId and back to the original id', async () => {
      const drafts = await folderIdOf(ews.app, 'drafts')
      const entry = await convert(ews.app, drafts, 'EwsId', 'EntryId')
      expect(entry.codes()).to.deep.equal(['NoError'])
      const back = await convert(ews.app, converted(entry), 'EntryId', 'EwsId')
      expect(converted(back)).to.equal(drafts)
    })

    it('gives back an EwsId that GetFolder accepts', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const hexId = converted(await convert(ews.app, inbox, 'EwsId', 'HexEntryId'))
      const ewsId = converted(await convert(ews.app, hexId.toLowerCase(), 'HexEntryId', 'EwsId'))
      const res = await call(ews.app, getFolderXml(folderId(ewsId)))
      expect(res.value('//t:Folder/t:DisplayName')).to.equal('Inbox')
    })

    it('echoes the Mailbox of the source id', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(
        ews.app,
        convertIdXml('HexEntryId', alternateId(inbox, 'EwsId', 'Alice@Contoso.com')),
      )
      expect(res.value('//m:AlternateId/@Mailbox')).to.equal('Alice@Contoso.com')
    })

    it('answers several ids in request order, each on its own', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const drafts = await folderIdOf(ews.app, 'drafts')
      const res = await call(
        ews.app,
        convertIdXml(
          'HexEntryId',
          alternateId(drafts, 'EwsId') +
            alternateId('DUMMY', 'EwsId') +
            alternateId(inbox, 'EwsId'),
        ),
      )
      expect(res.codes()).to.deep.equal(['NoError', 'ErrorInvalidIdMalformed', 'NoError'])
      expect(converted(res, 1)).to.equal(
        Buffer.from(drafts, 'base64').toString('hex').toUpperCase(),
      )
      expect(converted(res, 3)).to.equal(Buffer.from(inbox, 'base64').toString('hex').toUpperCase())
    })
  })

  describe('errors', () => {
    it('returns ErrorInvalidIdMalformed for a HexEntryId that is not hex', async () => {
      const res = await convert(ews.app, 'XYZ1', 'HexEntryId', 'EwsId')
      expect(res.status).to.equal(200)
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('returns ErrorInvalidIdMalformed for an EwsId that is not base64', async () => {
      const res = await convert(ews.app, 'not base64!', 'EwsId', 'HexEntryId')
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('returns ErrorInvalidIdMalformed for valid hex that is not one of the server ids', async () => {
      const res = await convert(ews.app, '00112233', 'HexEntryId', 'EwsId')
      expect(res.codes()).to.deep.equal(['ErrorInvalidIdMalformed'])
    })

    it('refuses an unknown DestinationFormat with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, convertIdXml('Guid', alternateId('DUMMY', 'EwsId')))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses a request without DestinationFormat with an ErrorSchemaValidation fault', async () => {
      const res = await call(
        ews.app,
        `<m:ConvertId><m:SourceIds>${alternateId('DUMMY', 'EwsId')}</m:SourceIds></m:ConvertId>`,
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an unknown source Format with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, convertIdXml('EwsId', alternateId('DUMMY', 'Base64')))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an empty SourceIds element with an ErrorSchemaValidation fault', async () => {
      const res = await call(ews.app, convertIdXml('EwsId', ''))
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })

    it('refuses an AlternateId without Mailbox with an ErrorSchemaValidation fault', async () => {
      const inbox = await folderIdOf(ews.app, 'inbox')
      const res = await call(
        ews.app,
        convertIdXml('HexEntryId', `<t:AlternateId Format="EwsId" Id="${inbox}"/>`),
      )
      expect(res.status).to.equal(500)
      expect(res.faultCode()).to.equal('ErrorSchemaValidation')
    })
  })
})
