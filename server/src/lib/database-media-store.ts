// Uploaded pictures in the database (`media_blobs`), so every process behind a load balancer serves every photo
// under the same URL. Chosen on PostgreSQL (mediaStoreFor); the files under DATA_DIR stay SQLite's store.
import type { AppConfig } from '../config.js'
import type { Db } from '../db/database.js'
import { findMediaBlob, saveMediaBlob } from '../repositories/media.js'
import { nowIso } from './tokens.js'
import { FileMediaStore, TYPE_OF_EXTENSION, contentHash, uploadName, uploadUrl, type MediaStore } from './image-uploads.js'
import type { MenuImageType } from '#shared/schemas/menu.js'

export class DatabaseMediaStore implements MediaStore {
  constructor (private readonly database: () => Db) {}

  async save (type: MenuImageType, bytes: Buffer): Promise<string> {
    await saveMediaBlob(this.database(), contentHash(bytes), { type, bytes }, nowIso())
    return uploadUrl(uploadName(type, bytes))
  }

  /** A stored hash asked for under another type's extension is missing, as its file would be. */
  async read (name: string): Promise<Buffer | null> {
    const dot = name.lastIndexOf('.')
    const blob = await findMediaBlob(this.database(), name.slice(0, dot))
    return blob && blob.type === TYPE_OF_EXTENSION[name.slice(dot + 1)] ? blob.bytes : null
  }
}

/** The store the configuration asks for: the database on PostgreSQL, files under DATA_DIR on SQLite. */
export function mediaStoreFor (config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>, database: () => Db): MediaStore {
  return config.databaseUrl ? new DatabaseMediaStore(database) : new FileMediaStore(config.dataDir)
}
