/**
 * A memfs volume typed as the Context's FileSystem. Paths are POSIX: memfs does
 * not treat `C:\` as absolute.
 */
import { Volume, createFsFromVolume } from 'memfs';
import type { FileSystem } from '../../src/core/context.js';

export interface MemoryFs {
  fs: FileSystem;
  vol: InstanceType<typeof Volume>;
}

/** A volume holding `files` (path → text or bytes); folders are created as needed. */
export function createMemoryFs(files: Record<string, string | Uint8Array> = {}): MemoryFs {
  const vol = new Volume();
  for (const [path, content] of Object.entries(files)) {
    vol.mkdirSync(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    vol.writeFileSync(path, typeof content === 'string' ? content : Buffer.from(content));
  }
  const fs = createFsFromVolume(vol).promises as unknown as FileSystem;
  return { fs, vol };
}
