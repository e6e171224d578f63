/** Where the shared corpus of real Windows task data lives (never copied into the repo). */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus');
