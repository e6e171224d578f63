/**
 * Locates the shared conformance corpus (`../shared/corpus` beside the repo).
 * Missing corpus: CI must fail loudly; a local checkout without it skips, with the reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `../shared/corpus` beside the repository; `TASKCTL_CORPUS_DIR` points elsewhere (or nowhere, to check the suite without it). */
export const CORPUS_DIR = process.env['TASKCTL_CORPUS_DIR'] ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
export const TASKS_DIR = path.join(CORPUS_DIR, 'tasks');
const XSD_PATH = path.join(CORPUS_DIR, 'schema', 'dahall-TaskSchedulerV2Schema.xsd');

export const corpusAvailable = existsSync(TASKS_DIR);
export const corpusSkipReason = `conformance corpus not found at ${TASKS_DIR}`;

if (!corpusAvailable && process.env['CI']) {
  throw new Error(`${corpusSkipReason}; it is required when CI is set`);
}

export function corpusFiles(): string[] {
  return corpusAvailable ? readdirSync(TASKS_DIR).filter((f) => f.endsWith('.xml')).sort() : [];
}

export function readCorpusFile(name: string): Buffer {
  return readFileSync(path.join(TASKS_DIR, name));
}

let xsdText: string | undefined;

/**
 * The dahall XSD as xmllint-wasm can compile it: BOM stripped, and the
 * `xs:any` of `customTriggerType` narrowed to `##other`. libxml2 refuses the
 * published text ("content model is not determinist": the wildcard overlaps the
 * optional base elements); the change only concerns `WnfStateChangeTrigger`,
 * which MANIFEST.md lists as XSD-invalid anyway.
 */
export function dahallXsd(): string {
  xsdText ??= readFileSync(XSD_PATH, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace('<xs:any minOccurs="0" />', '<xs:any minOccurs="0" namespace="##other" processContents="lax" />');
  return xsdText;
}
