import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
v8.setFlagsFromString('--liftoff-only');
const { Parser, Language } = await import('web-tree-sitter');
await Parser.init();
const lang = await Language.load('/work/main/node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm');
const p = new Parser(); p.setLanguage(lang);
for (const f of process.argv.slice(2)) {
const src = readFileSync(f,'utf8');
const t = p.parse(src);
const errs=[]; const walk=(n)=>{ if(n.isError||n.isMissing) errs.push(`${n.isMissing?'MISSING':'ERROR'}@${n.startPosition.row+1}:${n.startPosition.column+1} ${n.text.slice(0,80)}`); else if (n.hasError) for(const c of n.children) walk(c); }; walk(t.rootNode);
console.log(f, errs);
}
