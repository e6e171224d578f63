/** Paths the backend tests share; the corpus location (and its CI rule) comes from corpus-files.ts. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export { CORPUS_DIR as CORPUS } from '../corpus-files.js';
