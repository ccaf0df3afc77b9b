// The photos as files in a folder: `attachments/` beside the SQLite file, or the folder TNE13_ATTACHMENTS_DIR names
// (a shared mount, for several instances or either store). One file per photo, named by its hash, its type in its
// extension: `<root>/ab/ab12…ef.jpg` (or `.webp`), 256 subfolders by the hash's first two characters so that no folder
// grows past a few thousand entries. The name says everything the store keeps about a photo (its type; its size is
// the file's), so there is no table to keep in step with the folder, nothing to migrate, and the folder alone is the
// whole of it: copied, it is a copy of every photo.
//
// No file ever appears half-written under its final name. A photo is written to a file of its own under `tmp/`,
// flushed to the disk (fsync), then linked under its name in one step, and the folder's entry flushed in turn before
// the device is told "created": a process killed (or a power cut) at any moment leaves either the whole photo under
// its name or nothing there, and at worst a file in `tmp/`, removed at a later start. Linking (not renaming) fails when
// the name is taken: of two devices sending one photo at once, one creates it and the other finds it held, and a file
// once under its name is never replaced.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SHA256_PATTERN } from '../../../../src/model/schema';
import type { PhotoType } from '../../../../src/model/types';
import type { AttachmentInfo, AttachmentStore } from '../store';

const EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': '.jpg', 'image/webp': '.webp' };
const TYPES = Object.keys(EXTENSIONS) as PhotoType[];

/** Where photos being written wait; what is there is never read as a photo. */
export const TEMP_FOLDER = 'tmp';

// A file in tmp/ older than this is what a process killed mid-write left: an upload's body arrives within 30 s
// (http-limits.ts), so an hour leaves alone every write still going on, another instance's included.
const STALE_TEMP_MS = 60 * 60 * 1000;

// Hard links are what makes "created" exclusive; a mount that has none (some network or bucket file systems) gets a
// rename, atomic too but which replaces: two devices sending one photo at once may then both be told "created", and
// the file is the same either way.
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** The folder's own entries (a file created, renamed or linked in it) written to the disk. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes what writes killed mid-way left in `tmp/`, long enough ago that no write still going on is touched. */
function removeStaleTemps(tempFolder: string, now: number): void {
  for (const name of readdirSync(tempFolder)) {
    const path = join(tempFolder, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
    } catch {
      // Gone meanwhile (another instance's sweep): nothing to do.
    }
  }
}

/**
 * The photos kept as files under `root`, made with the first photo: opening a store (a CLI, a backup) writes nothing
 * beside its database.
 */
export function folderAttachments(root: string): AttachmentStore {
  const tempFolder = join(root, TEMP_FOLDER);
  try {
    if (existsSync(tempFolder)) removeStaleTemps(tempFolder, Date.now());
  } catch (error) {
    // Said at start (startup-error.ts) after the store's location: the folder is named, since it is not the database.
    throw new Error(`dossier des photos ${root} inutilisable (${codeOf(error) ?? (error as Error).message})`, { cause: error });
  }

  const folderOf = (sha256: string) => join(root, sha256.slice(0, 2));
  const pathOf = (sha256: string, type: PhotoType) => join(folderOf(sha256), `${sha256}${EXTENSIONS[type]}`);

  /** The photo's type and size when it is held; a name that is no hash is never a path. */
  async function infoOf(sha256: string): Promise<AttachmentInfo | undefined> {
    if (!SHA256_PATTERN.test(sha256)) return undefined;
    for (const type of TYPES) {
      try {
        return { type, bytes: (await stat(pathOf(sha256, type))).size };
      } catch (error) {
        if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') throw error;
      }
    }
    return undefined;
  }

  const durableFolders = new Set<string>();

  /**
   * Makes `folder` (under `root`, and the folders between) if missing, and flushes their entries, up to the root's
   * own, to the disk: whoever made them (another upload at the same moment, another instance), a photo is not answered
   * while the folder it is in could vanish with a power cut. Once per folder and process.
   */
  async function makeFolder(folder: string): Promise<void> {
    if (durableFolders.has(folder)) return;
    await mkdir(folder, { recursive: true });
    for (let made = folder; ; made = dirname(made)) {
      await syncFolder(dirname(made));
      if (made === root) break;
    }
    durableFolders.add(folder);
  }

  /** Writes `bytes` to a new file in tmp/, flushed to the disk; answers its path. */
  async function writeTemp(sha256: string, bytes: Uint8Array): Promise<string> {
    await makeFolder(tempFolder);
    const temp = join(tempFolder, `${sha256}.${randomUUID()}`);
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  }

  /** Puts the written file under its name; false when the name was taken (another upload of the same photo). */
  async function publish(temp: string, final: string): Promise<boolean> {
    try {
      await link(temp, final);
      return true;
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return false;
      if (!NO_HARD_LINKS.has(codeOf(error) ?? '')) throw error;
    }
    await rename(temp, final);
    return true;
  }

  async function put(sha256: string, type: PhotoType, bytes: Uint8Array): Promise<'created' | 'held'> {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    const folder = folderOf(sha256);
    if ((await infoOf(sha256)) !== undefined) {
      // Maybe under its name this very moment by another upload, not yet flushed: "held" lets the device forget it too.
      await syncFolder(folder);
      return 'held';
    }
    await makeFolder(folder);
    const temp = await writeTemp(sha256, bytes);
    let created: boolean;
    try {
      created = await publish(temp, pathOf(sha256, type));
    } finally {
      await unlink(temp).catch((error: unknown) => {
        if (codeOf(error) !== 'ENOENT') throw error;
      });
    }
    // Flushed whether this write made the entry or another did.
    await syncFolder(folder);
    return created ? 'created' : 'held';
  }

  async function info(sha256s: readonly string[]): Promise<Map<string, AttachmentInfo>> {
    const unique = [...new Set(sha256s)];
    const found = await Promise.all(unique.map(async (sha256) => [sha256, await infoOf(sha256)] as const));
    return new Map(found.flatMap(([sha256, held]) => (held === undefined ? [] : [[sha256, held]])));
  }

  return {
    put,
    info,
    async get(sha256) {
      if (!SHA256_PATTERN.test(sha256)) return undefined;
      for (const type of TYPES) {
        try {
          return { type, bytes: await readFile(pathOf(sha256, type)) };
        } catch (error) {
          if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') throw error;
        }
      }
      return undefined;
    },
    async held(sha256s) {
      return new Set((await info(sha256s)).keys());
    },
  };
}
