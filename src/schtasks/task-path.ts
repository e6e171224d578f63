/**
 * Task paths as Windows spells them: a folder `\` or `\Sub\Folder\` and a name;
 * the full path is folder + name (`\Sub\Folder\AGI_X`).
 */

/** `\`-rooted, `\`-terminated folder; accepts `Sub`, `\Sub`, `/Sub/`, `` (root). */
export function normalizeFolder(folder: string | undefined): string {
  const parts = (folder ?? '').split(/[\\/]+/).filter((p) => p.length > 0);
  return parts.length === 0 ? '\\' : `\\${parts.join('\\')}\\`;
}

export function fullTaskPath(folder: string, name: string): string {
  return `${normalizeFolder(folder)}${name}`;
}

/** Splits `\A\B\Name` into `{ folder: '\A\B\', name: 'Name' }`. */
export function splitTaskPath(path: string): { folder: string; name: string } {
  const i = path.lastIndexOf('\\');
  return { folder: normalizeFolder(path.slice(0, Math.max(i, 0))), name: path.slice(i + 1) };
}

/** Windows compares task names case-insensitively; so does the prefix scope. */
export function matchesPrefix(name: string, prefix: string): boolean {
  return name.toUpperCase().startsWith(prefix.toUpperCase());
}

/** The key two paths are equal by (case-insensitive, like Windows). */
export function taskPathKey(path: string): string {
  return path.toUpperCase();
}
