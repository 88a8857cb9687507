// Uploaded dish pictures: the type checked by magic bytes, named by content hash, kept by a MediaStore (files under
// DATA_DIR/media/uploads here; the database on PostgreSQL, database-media-store.ts).
import { createHash, randomBytes } from 'node:crypto'
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MENU_IMAGE_TYPES, type MenuImageType } from '#shared/schemas/menu.js'

export const UPLOADS_URL_PREFIX = '/media/uploads'

const EXTENSION: Readonly<Record<MenuImageType, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }

export const TYPE_OF_EXTENSION: Readonly<Record<string, MenuImageType>> = Object.fromEntries(
  Object.entries(EXTENSION).map(([type, extension]) => [extension, type as MenuImageType]))

/** `<sha256>.<ext>`: the only file names served, so no path can leave the uploads folder. */
export const UPLOAD_FILE_PATTERN = '^[0-9a-f]{64}\\.(png|jpg|webp)$'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG = Buffer.from([0xff, 0xd8, 0xff])

/** Where uploaded pictures are kept: the same file names (and so the same URLs) whichever store holds them. */
export interface MediaStore {
  /** Stores the picture once (the same bytes again reuse it) and returns its URL path. */
  save (type: MenuImageType, bytes: Buffer): Promise<string>
  /** The bytes stored under `name` (matching UPLOAD_FILE_PATTERN), or null when there are none. */
  read (name: string): Promise<Buffer | null>
}

export function uploadsDir (dataDir: string): string {
  return join(dataDir, 'media', 'uploads')
}

/** The content's SHA-256 in hex: a picture's name, and its key in any store. */
export function contentHash (bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** `<sha256>.<ext>` of a picture. */
export function uploadName (type: MenuImageType, bytes: Buffer): string {
  return `${contentHash(bytes)}.${EXTENSION[type]}`
}

export function uploadUrl (name: string): string {
  return `${UPLOADS_URL_PREFIX}/${name}`
}

/** The declared media type of a Content-Type header, when it is one we take. */
export function menuImageType (contentType: string | undefined): MenuImageType | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  return MENU_IMAGE_TYPES.find(known => known === type) ?? null
}

/** True when the bytes start the way a file of `type` must: a renamed or forged file is refused. */
export function hasImageSignature (type: MenuImageType, bytes: Buffer): boolean {
  switch (type) {
    case 'image/png': return bytes.length > PNG.length && bytes.subarray(0, PNG.length).equals(PNG)
    case 'image/jpeg': return bytes.length > JPEG.length && bytes.subarray(0, JPEG.length).equals(JPEG)
    case 'image/webp': return bytes.length > 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP'
  }
}

async function exists (path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

function isMissing (error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')
}

/** Pictures as files under DATA_DIR/media/uploads: one process (SQLite), backed up with the data folder. */
export class FileMediaStore implements MediaStore {
  constructor (private readonly dataDir: string) {}

  /** Written to a temporary name and renamed, so a crash never leaves half a picture under the real name. */
  async save (type: MenuImageType, bytes: Buffer): Promise<string> {
    const name = uploadName(type, bytes)
    const dir = uploadsDir(this.dataDir)
    const target = join(dir, name)
    if (!await exists(target)) {
      await mkdir(dir, { recursive: true })
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`
      try {
        await writeFile(temporary, bytes)
        await rename(temporary, target)
      } finally {
        await rm(temporary, { force: true })
      }
    }
    return uploadUrl(name)
  }

  async read (name: string): Promise<Buffer | null> {
    try {
      return await readFile(join(uploadsDir(this.dataDir), name))
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }
}
