/**
 * Task XML bytes ⇄ text. Windows writes task files as UTF-16LE with a BOM, but
 * real files also come as UTF-8 with or without BOM, UTF-16BE, and 8-bit files
 * that wrongly declare `encoding="UTF-16"` (pitfalls 29–36). The bytes decide,
 * never the XML declaration.
 */

type TaskFileEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TaskFileEncoding;
  bom: boolean;
}

/** Detects the encoding from the bytes (BOM, then the NUL pattern of `<?`), and decodes. */
export function decodeTaskBytes(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (b0 === 0xfe && b1 === 0xff) return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return { text: decode('utf-8', bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  // No BOM: a UTF-16 file starts `<\0` (LE) or `\0<` (BE).
  if (b0 !== undefined && b0 !== 0 && b1 === 0) return { text: decode('utf-16le', bytes), encoding: 'utf-16le', bom: false };
  if (b0 === 0 && b1 !== undefined && b1 !== 0) return { text: decode('utf-16be', bytes), encoding: 'utf-16be', bom: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    // Not UTF-8: an ANSI file, which Windows also accepts. windows-1252 is the common code page.
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', bom: false };
  }
}

function decode(encoding: 'utf-16le' | 'utf-16be' | 'utf-8', bytes: Uint8Array): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** The bytes Windows itself writes for a task file: a BOM, then UTF-16LE, declaring UTF-16. */
export function encodeTaskFile(xml: string): Uint8Array {
  const text = declareEncoding(xml, 'UTF-16');
  const body = Buffer.from(text, 'utf16le');
  const out = new Uint8Array(body.length + 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  out.set(body, 2);
  return out;
}

const DECLARATION = /^\uFEFF?\s*<\?xml\b[^?]*\?>/;

/**
 * Makes the XML declaration name `encoding` (adding one when absent). A string
 * handed to `Register-ScheduledTask -Xml` or COM must not claim UTF-8 (pitfall 33).
 */
export function declareEncoding(xml: string, encoding: string): string {
  const declaration = `<?xml version="1.0" encoding="${encoding}"?>`;
  return DECLARATION.test(xml) ? xml.replace(DECLARATION, declaration) : `${declaration}\r\n${xml}`;
}
