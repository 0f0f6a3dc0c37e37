import { expect } from 'chai'
import {
  CALENDAR_ONLY_LEVELS,
  LEVEL_RIGHTS,
  PERMISSION_LEVELS,
  defaultPermissions,
  levelOf,
  rightsOf,
} from '../../../mock-ews/domain/permissions.ts'

describe('folder permission levels', () => {
  it('reads every level back from its own rights (free/busy levels on calendars only)', () => {
    for (const level of PERMISSION_LEVELS) {
      const calendarOnly = CALENDAR_ONLY_LEVELS.has(level)
      expect(levelOf(LEVEL_RIGHTS[level], true), level).to.equal(level)
      if (!calendarOnly) expect(levelOf(LEVEL_RIGHTS[level], false), level).to.equal(level)
    }
    expect(levelOf(LEVEL_RIGHTS.FreeBusyTimeOnly, false)).to.equal('Custom')
  })

  it('reads rights no level has as Custom, and ignores IsFolderContact', () => {
    expect(levelOf({ ...LEVEL_RIGHTS.Reviewer, deleteItems: 'All' }, false)).to.equal('Custom')
    expect(levelOf({ ...LEVEL_RIGHTS.Editor, isFolderContact: true }, false)).to.equal('Editor')
  })

  it("gives a user her own entry's rights, else Default's", () => {
    const perms = [
      ...defaultPermissions(false),
      {
        user: { kind: 'user' as const, address: 'bob@contoso.com', displayName: 'Bob' },
        rights: LEVEL_RIGHTS.Editor,
      },
    ]
    expect(rightsOf(perms, 'bob@contoso.com')).to.deep.equal(LEVEL_RIGHTS.Editor)
    expect(rightsOf(perms, 'dan@contoso.com')).to.deep.equal(LEVEL_RIGHTS.None)
    expect(rightsOf(defaultPermissions(true), 'dan@contoso.com')).to.deep.equal(
      LEVEL_RIGHTS.FreeBusyTimeOnly,
    )
  })
})
