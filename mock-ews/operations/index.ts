/** The operation registry: EWS operation name (Body element local name) → implementation. */
import { convertId } from './convert-id/index.ts'
import { createFolder } from './create-folder/index.ts'
import { addDelegate, getDelegate, removeDelegate, updateDelegate } from './delegates/index.ts'
import { deleteAttachment } from './delete-attachment/index.ts'
import { deleteFolder } from './delete-folder/index.ts'
import { emptyFolder } from './empty-folder/index.ts'
import { expandDL } from './expand-dl/index.ts'
import { findFolder } from './find-folder/index.ts'
import { getFolder } from './get-folder/index.ts'
import { createAttachment } from './create-attachment/index.ts'
import { createItem } from './create-item/index.ts'
import { deleteItem } from './delete-item/index.ts'
import { findItem } from './find-item/index.ts'
import { getAttachment } from './get-attachment/index.ts'
import { getEvents } from './get-events/index.ts'
import { getItem } from './get-item/index.ts'
import { getUserOofSettings } from './get-user-oof-settings/index.ts'
import { setUserOofSettings } from './set-user-oof-settings/index.ts'
import { getServerTimeZones } from './get-server-time-zones/index.ts'
import { getUserAvailability } from './get-user-availability/index.ts'
import { markAllItemsAsRead } from './mark-all-items-as-read/index.ts'
import { copyFolder, moveFolder } from './move-copy-folder/index.ts'
import { copyItem, moveItem } from './move-copy-item/index.ts'
import type { AnyOperation } from './operation.ts'
import { resolveNames } from './resolve-names/index.ts'
import { sendItem } from './send-item/index.ts'
import { getInboxRules, updateInboxRules } from './inbox-rules/index.ts'
import { subscribe } from './subscribe/index.ts'
import { syncFolderItems } from './sync-folder-items/index.ts'
import { unsubscribe } from './unsubscribe/index.ts'
import { updateItem } from './update-item/index.ts'
import { syncFolderHierarchy } from './sync-folder-hierarchy/index.ts'
import { updateFolder } from './update-folder/index.ts'

const ALL: readonly AnyOperation[] = [
  addDelegate,
  convertId,
  copyFolder,
  copyItem,
  createAttachment,
  createFolder,
  createItem,
  deleteAttachment,
  deleteFolder,
  deleteItem,
  emptyFolder,
  expandDL,
  findFolder,
  findItem,
  getAttachment,
  getDelegate,
  getEvents,
  getFolder,
  getInboxRules,
  getItem,
  getUserOofSettings,
  getServerTimeZones,
  getUserAvailability,
  markAllItemsAsRead,
  moveFolder,
  moveItem,
  removeDelegate,
  resolveNames,
  sendItem,
  setUserOofSettings,
  subscribe,
  syncFolderHierarchy,
  syncFolderItems,
  unsubscribe,
  updateDelegate,
  updateFolder,
  updateInboxRules,
  updateItem,
]

export const OPERATIONS: ReadonlyMap<string, AnyOperation> = new Map(ALL.map((op) => [op.name, op]))

/** Names of the supported operations, sorted; used in the unknown-operation fault and the log. */
export const SUPPORTED_OPERATIONS: readonly string[] = [...OPERATIONS.keys()].sort()
