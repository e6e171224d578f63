/** Validates task XML against the dahall XSD with xmllint-wasm, many documents per call. */
import { validateXML } from 'xmllint-wasm';
import { declareEncoding } from '../../src/schtasks/encoding.js';
import { dahallXsd } from './corpus-files.js';

export interface XsdVerdict {
  valid: boolean;
  errors: string[];
}

/** `documents` maps a name to XML text (any declaration; re-declared UTF-8 as xmllint requires). */
export async function validateAgainstXsd(documents: Record<string, string>): Promise<Record<string, XsdVerdict>> {
  const names = Object.keys(documents);
  const fileOf = (i: number) => `doc${i}.xml`;
  const result = await validateXML({
    xml: names.map((name, i) => ({ fileName: fileOf(i), contents: declareEncoding(documents[name]!, 'UTF-8') })),
    schema: { fileName: 'task.xsd', contents: dahallXsd() },
  });
  // xmllint also prints "docN.xml fails to validate" with no position: attribute it by name.
  const fileOfError = (e: (typeof result.errors)[number]) =>
    e.loc?.fileName ?? /^(doc\d+\.xml) fails to validate/.exec(e.rawMessage)?.[1];
  const verdicts: Record<string, XsdVerdict> = {};
  names.forEach((name, i) => {
    const errors = result.errors.filter((e) => fileOfError(e) === fileOf(i)).map((e) => e.message);
    verdicts[name] = { valid: errors.length === 0, errors };
  });
  const unplaced = result.errors.filter((e) => fileOfError(e) === undefined);
  if (unplaced.length > 0) throw new Error(`xmllint errors without a file: ${unplaced.map((e) => e.rawMessage).join('\n')}`);
  return verdicts;
}
