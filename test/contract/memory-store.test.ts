import { MemoryMailboxStore } from '../../mock-ews/store/memory/memory-store.ts'
import { seededIds } from '../../mock-ews/support/ids.ts'
import { runMailboxStoreContract } from './mailbox-store.contract.ts'

describe('MemoryMailboxStore', () => {
  runMailboxStoreContract(() => new MemoryMailboxStore({ ids: seededIds(3) }), {
    withIds: (ids) => new MemoryMailboxStore({ ids }),
  })
})
