/** The operation registry: EWS operation name (Body element local name) → implementation. */
import { convertId } from './convert-id/index.ts'
import { createFolder } from './create-folder/index.ts'
import { deleteFolder } from './delete-folder/index.ts'
import { findFolder } from './find-folder/index.ts'
import { getFolder } from './get-folder/index.ts'
import type { AnyOperation } from './operation.ts'
import { syncFolderHierarchy } from './sync-folder-hierarchy/index.ts'
import { updateFolder } from './update-folder/index.ts'

const ALL: readonly AnyOperation[] = [
  convertId,
  createFolder,
  deleteFolder,
  findFolder,
  getFolder,
  syncFolderHierarchy,
  updateFolder,
]

export const OPERATIONS: ReadonlyMap<string, AnyOperation> = new Map(ALL.map((op) => [op.name, op]))

/** Names of the supported operations, sorted; used in the unknown-operation fault and the log. */
export const SUPPORTED_OPERATIONS: readonly string[] = [...OPERATIONS.keys()].sort()
