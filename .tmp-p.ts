import { readdirSync, readFileSync } from 'node:fs';
import { parseTaskBytes } from './src/schtasks/xml-parse.js';
const dir = '/work/shared/corpus/tasks';
for (const f of readdirSync(dir)) {
  try {
    const r = parseTaskBytes(readFileSync(`${dir}/${f}`), f);
    if (r.warnings.length) console.log(f, r.warnings);
  } catch (e) { console.log('ERR', f, (e as Error).message); }
}
console.log(JSON.stringify(parseTaskBytes(readFileSync(`${dir}/memory-monitor-cdata-subscription-comments.declared-utf16-actually-utf8.xml`)).definition, null, 1));
