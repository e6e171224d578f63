/** Builds small task XML documents for tests. */
export const NS = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

/** A complete task around the given inner XML; Actions is added unless the inner XML has one. */
export function taskXml(inner: string, attrs = `version="1.2" xmlns="${NS}"`): string {
  const actions = inner.includes('<Actions') ? '' : '<Actions><Exec><Command>a.exe</Command></Exec></Actions>';
  return `<?xml version="1.0" encoding="UTF-16"?>\n<Task ${attrs}>\n${inner}\n${actions}\n</Task>`;
}
