/**
 * Exchange deployment profiles (reference/ews-protocol.md §1.3 RequestServerVersion, §1.4
 * ServerVersionInfo, §3.1 conversationhistory from Exchange 2013 on): what each profile reports in
 * the response header, which RequestServerVersion values it takes, and which folders its mailboxes have.
 * One topology hosts one organisation per profile; each test talks to a user of one of them.
 */
import { expect } from 'chai'
import type { EwsApp } from '../../mock-ews/index.ts'
import { distinguished, findFolderXml, getFolderXml, testApp } from '../helpers/ews.ts'
import type { SoapAnswer } from '../helpers/ews.ts'
import { callWith, PROFILES, profileTopology, userOf, VERSION_FOR } from '../helpers/deployments.ts'
import type { Profile } from '../helpers/deployments.ts'

/** The ServerVersionInfo attributes each profile reports (the builds of reference §1.4 and the profile titles). */
const SERVER_VERSION_INFO: Record<Profile, Record<string, string>> = {
  // Exchange 2010 SP3 RTM, 14.3.123.4; Exchange 2010 writes no Version attribute.
  'exchange-2010-sp3': {
    MajorVersion: '14',
    MinorVersion: '3',
    MajorBuildNumber: '123',
    MinorBuildNumber: '4',
  },
  // Exchange 2013 CU23, 15.0.1497.2.
  'exchange-2013': {
    MajorVersion: '15',
    MinorVersion: '0',
    MajorBuildNumber: '1497',
    MinorBuildNumber: '2',
    Version: 'V2_23',
  },
  // Exchange 2016 CU23, 15.1.2507.6.
  'exchange-2016': {
    MajorVersion: '15',
    MinorVersion: '1',
    MajorBuildNumber: '2507',
    MinorBuildNumber: '6',
    Version: 'V2017_07_11',
  },
  // Exchange 2019 CU14, 15.2.1544.4.
  'exchange-2019': {
    MajorVersion: '15',
    MinorVersion: '2',
    MajorBuildNumber: '1544',
    MinorBuildNumber: '4',
    Version: 'V2017_07_11',
  },
  'exchange-online': {
    MajorVersion: '15',
    MinorVersion: '20',
    MajorBuildNumber: '7452',
    MinorBuildNumber: '50',
    Version: 'V2018_01_08',
  },
}

const UP_TO_2010 = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
]
const EXCHANGE_2013 = ['Exchange2013', 'Exchange2013_SP1']
const EXCHANGE_2016 = [
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
]
/** Values no Exchange takes (reference §1.3: Exchange2007_SP2/_SP3 and exchangelib's Exchange2015_SP1). */
const NEVER = ['Exchange2007_SP2', 'Exchange2007_SP3', 'Exchange2015_SP1', 'Exchange2099']

const ACCEPTED: Record<Profile, string[]> = {
  'exchange-2010-sp3': UP_TO_2010,
  'exchange-2013': [...UP_TO_2010, ...EXCHANGE_2013],
  'exchange-2016': [...UP_TO_2010, ...EXCHANGE_2013, ...EXCHANGE_2016],
  'exchange-2019': [...UP_TO_2010, ...EXCHANGE_2013, ...EXCHANGE_2016],
  'exchange-online': [...UP_TO_2010, ...EXCHANGE_2013, ...EXCHANGE_2016],
}

const REFUSED: Record<Profile, string[]> = {
  'exchange-2010-sp3': [...EXCHANGE_2013, 'Exchange2015', ...EXCHANGE_2016, ...NEVER],
  'exchange-2013': ['Exchange2015', ...EXCHANGE_2016, ...NEVER],
  'exchange-2016': NEVER,
  'exchange-2019': NEVER,
  'exchange-online': NEVER,
}

/** The attributes of the answer's ServerVersionInfo header (namespace declarations left out). */
function serverVersionInfo(res: SoapAnswer): Record<string, string> {
  const [header] = res.select('/s:Envelope/s:Header/t:ServerVersionInfo')
  if (!header) throw new Error(`no ServerVersionInfo header: ${res.text}`)
  const attributes = (header as Element).attributes
  const out: Record<string, string> = {}
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes.item(i)!
    if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) out[a.name] = a.value
  }
  return out
}

/** GetFolder of Inbox as the profile's user, with the given RequestServerVersion ('' for no header). */
const inboxWith = (ews: EwsApp, profile: Profile, version: string): Promise<SoapAnswer> =>
  callWith(ews.app, getFolderXml(distinguished('inbox'), 'IdOnly'), userOf(profile), version)

describe('Exchange deployment profiles', () => {
  let ews: EwsApp
  beforeEach(() => {
    ews = testApp({ topology: profileTopology() })
  })

  for (const profile of PROFILES) {
    describe(profile, () => {
      it('reports its ServerVersionInfo in the response header', async () => {
        const res = await inboxWith(ews, profile, VERSION_FOR[profile])
        expect(res.codes()).to.deep.equal(['NoError'])
        expect(serverVersionInfo(res)).to.deep.equal(SERVER_VERSION_INFO[profile])
      })

      it('reports the same ServerVersionInfo in a fault', async () => {
        const res = await inboxWith(ews, profile, 'Exchange2007_SP2')
        expect(res.status).to.equal(500)
        expect(serverVersionInfo(res)).to.deep.equal(SERVER_VERSION_INFO[profile])
      })

      it(`accepts RequestServerVersion ${ACCEPTED[profile].join(', ')}`, async () => {
        const answered: Record<string, string[]> = {}
        for (const version of ACCEPTED[profile]) {
          const res = await inboxWith(ews, profile, version)
          answered[version] = [String(res.status), ...res.codes()]
        }
        expect(answered).to.deep.equal(
          Object.fromEntries(ACCEPTED[profile].map((v) => [v, ['200', 'NoError']])),
        )
      })

      it('accepts a request without a RequestServerVersion header', async () => {
        const res = await inboxWith(ews, profile, '')
        expect(res.status).to.equal(200)
        expect(res.codes()).to.deep.equal(['NoError'])
      })

      it(`refuses ${REFUSED[profile].join(', ')} with an ErrorInvalidServerVersion fault`, async () => {
        const answered: Record<string, string[]> = {}
        for (const version of REFUSED[profile]) {
          const res = await inboxWith(ews, profile, version)
          answered[version] = [String(res.status), res.faultCode(), ...res.codes()]
        }
        expect(answered).to.deep.equal(
          Object.fromEntries(
            REFUSED[profile].map((v) => [v, ['500', 'ErrorInvalidServerVersion']]),
          ),
        )
      })

      if (profile === 'exchange-2010-sp3') {
        it('has no conversationhistory folder: GetFolder answers ErrorFolderNotFound', async () => {
          const res = await callWith(
            ews.app,
            getFolderXml(distinguished('conversationhistory')),
            userOf(profile),
            'Exchange2010_SP2',
          )
          expect(res.status).to.equal(200)
          expect(res.codes()).to.deep.equal(['ErrorFolderNotFound'])
          expect(res.select('//t:FolderId')).to.have.length(0)
        })

        it('lists no Conversation History folder under msgfolderroot', async () => {
          const res = await callWith(
            ews.app,
            findFolderXml(distinguished('msgfolderroot')),
            userOf(profile),
            'Exchange2010_SP2',
          )
          const names = res.select('//t:Folders/*/t:DisplayName').map((n) => n.textContent)
          expect(names).to.include('Inbox')
          expect(names).to.not.include('Conversation History')
        })
      } else {
        it('has a conversationhistory folder (Exchange 2013 and later)', async () => {
          const res = await callWith(
            ews.app,
            getFolderXml(distinguished('conversationhistory')),
            userOf(profile),
            'Exchange2013',
          )
          expect(res.codes()).to.deep.equal(['NoError'])
          expect(res.value('//m:Folders/t:Folder/t:DisplayName')).to.equal('Conversation History')
          expect(res.value('//m:Folders/t:Folder/t:FolderId/@Id')).to.not.equal('')
        })

        it('lists Conversation History under msgfolderroot', async () => {
          const res = await callWith(
            ews.app,
            findFolderXml(distinguished('msgfolderroot')),
            userOf(profile),
            'Exchange2013',
          )
          const names = res.select('//t:Folders/*/t:DisplayName').map((n) => n.textContent)
          expect(names).to.include.members(['Inbox', 'Conversation History'])
        })
      }
    })
  }

  it('answers each user with the profile of their own organisation, in one app', async () => {
    const seen = await Promise.all(
      PROFILES.map(async (p) => serverVersionInfo(await inboxWith(ews, p, VERSION_FOR[p]))),
    )
    expect(seen).to.deep.equal(PROFILES.map((p) => SERVER_VERSION_INFO[p]))
  })
})
