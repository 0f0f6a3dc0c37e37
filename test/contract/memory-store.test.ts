import { MemoryMailboxStore } from '../../mock-ews/store/memory/memory-store.ts'
import { seededIds } from '../../mock-ews/support/ids.ts'
import { runMailboxFoldersContract } from './mailbox-folders.contract.ts'
import { runMailboxItemsContract } from './mailbox-items.contract.ts'
import { runMailboxPermissionsContract } from './mailbox-permissions.contract.ts'
import { runMailboxQuotaContract } from './mailbox-quota.contract.ts'
import { runMailboxStoreContract } from './mailbox-store.contract.ts'

describe('MemoryMailboxStore', () => {
  runMailboxStoreContract(() => new MemoryMailboxStore({ ids: seededIds(3) }), {
    withIds: (ids) => new MemoryMailboxStore({ ids }),
  })
  describe('items', () => {
    runMailboxItemsContract((clock) => new MemoryMailboxStore({ ids: seededIds(3), clock }))
  })
  describe('folder trees', () => {
    runMailboxFoldersContract((clock) => new MemoryMailboxStore({ ids: seededIds(3), clock }))
  })
  describe('quotas', () => {
    runMailboxQuotaContract((clock) => new MemoryMailboxStore({ ids: seededIds(3), clock }))
  })
  describe('permissions and delegates', () => {
    runMailboxPermissionsContract((clock) => new MemoryMailboxStore({ ids: seededIds(3), clock }))
  })
})
