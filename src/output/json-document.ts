/**
 * Every `--json` document taskctl prints: the contract's fields, preceded by
 * `"formatVersion": "1"` (as Terraform's `format_version`), so a script can tell which
 * shape it reads. The version changes only when a field changes meaning or goes away;
 * new fields are added without a new version.
 */
export const JSON_FORMAT_VERSION = '1';

/** `{ formatVersion, ...body }` as 2-space indented JSON with a trailing newline. */
export function jsonDocument(body: object): string {
  return `${JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, ...body }, null, 2)}\n`;
}
