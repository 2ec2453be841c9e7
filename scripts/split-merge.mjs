// A step of scripts/split-wasm.sh, between wasm-split-cli and wasm-opt: merges each split
// module's small shared chunks into the split module's own file, so that opening a view
// fetches one or two files instead of up to nine (which on HTTP/1.1, six connections to
// a host, queued into a second round of requests; docs/size.md).
//
// wasm-split-cli puts code that two or more split modules reach, and the main module
// does not, into `chunk_N.wasm`, one per set of users, and its loader fetches a split
// module's chunks with it. Every chunk and split module imports the same three things
// from the main module (`__wasm_split`: the memory, the function table, the stack
// pointer), places its functions in the shared table at fixed slots (active element
// segments) and its read-only data at fixed addresses (active data segments; its
// mutable data and bss are empty: those stay in the main module, and a chunk with any is
// not merged), and has no exports
// and no start function. So a chunk's code can go into each of its users' files: a copy
// writes the same slots and the same bytes as the chunk would, and whichever copy came
// last runs the same code. A chunk below the size limit is merged (binaryen's
// wasm-merge) into every split module that uses it and dropped from the loader; a
// larger one stays a file of its own, fetched once whichever view needs it first.
//
// To keep one import of each of the three (wasm-merge would otherwise keep each merged
// module's own imports: several memories and tables), the modules are merged with a
// stub named `__wasm_split` that imports them from `stance_split` and exports them: the
// merged file imports them once, from `stance_split`, which the loader provides as the
// same object as `__wasm_split`.
//
// Usage: node scripts/split-merge.mjs SPLIT_DIR [LIMIT_BYTES]
//   LIMIT_BYTES (default 16384, or $STANCE_SPLIT_MERGE_BELOW): chunks smaller than this
//   (before wasm-opt) are merged; 0 merges none.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [dir, limitArg] = process.argv.slice(2);
const limit = Number(limitArg ?? process.env.STANCE_SPLIT_MERGE_BELOW ?? 16384);
const fail = (msg) => { console.error(`split-merge: ${msg}`); process.exit(1); };
if (!dir || !Number.isFinite(limit)) fail('usage: node scripts/split-merge.mjs SPLIT_DIR [LIMIT_BYTES]');
const loaderPath = path.join(dir, '__wasm_split.js');
let js = fs.readFileSync(loaderPath, 'utf8');

// The loader's chunks: `/* users */ const __chunk_N = makeLoad(() => { ...fetch("./chunk_N.wasm")... }\n, []);`
const chunkDef = /\/\* [^*]* \*\/\nconst (__chunk_\d+) = makeLoad\(\(\) => \{\n    const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)", import\.meta\.url\)\);\n[^]*?\n\}\n, \[\]\);\n/g;
const chunks = new Map(); // var -> { file, def }
for (const m of js.matchAll(chunkDef)) chunks.set(m[1], { file: m[2], def: m[0] });
// The split modules: `export const __wasm_split_load_NAME = wrapAsyncCb(makeLoad(() => { ...fetch("./split_NAME.wasm")... }\n, [deps]));`
const splitDef = /export const (__wasm_split_load_\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\n    const src = fetch\(new URL\("\.\/(split_\w+\.wasm)", import\.meta\.url\)\);\n[^]*?\n\}\n, \[([^\]]*)\]\)\);\n/g;
const splits = [...js.matchAll(splitDef)].map((m) => ({ name: m[1], file: m[2], def: m[0], deps: m[3].split(',').map((s) => s.trim()).filter(Boolean) }));
if (!splits.length) fail(`${loaderPath}: no split module loaders found (a new wasm-split-cli?)`);
for (const s of splits) for (const d of s.deps) if (!chunks.has(d)) fail(`${loaderPath}: ${s.name} depends on ${d}, whose definition was not understood`);

const size = (file) => fs.statSync(path.join(dir, file)).size;
/** Whether a chunk's data is all read-only (`.rodata*` segments) or empty: a copy of it
 *  then writes the same bytes as the chunk, whenever it is loaded. A chunk with mutable
 *  data (a static only it uses) is not copied. */
function onlyReadOnlyData(file) {
  const text = execFileSync('wasm-dis', [path.join(dir, file)], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return [...text.matchAll(/^\s*\(data (\S+) .*$/gm)].every((m) => m[1].startsWith('$.rodata') || m[0].endsWith(' "")'));
}
const small = new Set([...chunks].filter(([, c]) => size(c.file) < limit && onlyReadOnlyData(c.file)).map(([v]) => v));

// The imports every module here has (checked: anything else and the merge is refused).
const SHARED = [
  ['memory', 'memory'],
  ['__indirect_function_table', 'table'],
  ['__wasm_split_shared0', 'global'],
];
/** A wasm file's imports and whether it has exports or a start function, read from its
 *  sections (the binary format's import, export and start sections). */
function readImports(file) {
  const b = fs.readFileSync(path.join(dir, file));
  let p = 8;
  const u32 = () => { let r = 0, shift = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** shift; shift += 7; } while (x & 0x80); return r; };
  const name = () => { const n = u32(); const s = b.toString('utf8', p, p + n); p += n; return s; };
  const limits = () => { const flag = u32(); const min = u32(); const max = flag & 1 ? u32() : null; return `${flag}:${min}:${max}`; };
  const out = { imports: [], exportsOrStart: false };
  if (b.readUInt32LE(0) !== 0x6d736100) fail(`${file} is not a wasm file`);
  while (p < b.length) {
    const id = b[p++];
    const len = u32();
    const end = p + len;
    if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const mod = name(), base = name(), kind = b[p++];
        let type;
        if (kind === 1) { const ref = b[p++]; type = `${ref}:${limits()}`; }
        else if (kind === 2) type = limits();
        else if (kind === 3) { const t = b[p++]; type = `${t}:${b[p++]}`; }
        else { out.imports.push({ mod, base, kind: 'other', type: '' }); break; }
        out.imports.push({ mod, base, kind: ['func', 'table', 'memory', 'global'][kind], type });
      }
    }
    if ((id === 7 && len > 1) || id === 8) out.exportsOrStart = true;
    p = end;
  }
  return out;
}

/** The stub's text: the shared things, imported from `stance_split` with the declarations
 *  of the modules' own imports, exported under the names
 *  the modules import. Refuses modules with other imports, exports or a start function. */
function stub(files) {
  const seen = new Map();
  for (const f of files) {
    const { imports, exportsOrStart } = readImports(f);
    if (exportsOrStart) fail(`${f} has an export or a start function: not merged`);
    for (const { mod, base, kind, type } of imports) {
      if (mod !== '__wasm_split' || !SHARED.some(([b, k]) => b === base && k === kind)) fail(`${f} imports ${mod}.${base} (${kind}): not merged`);
      const prev = seen.get(base);
      if (prev !== undefined && prev !== type) fail(`${f} imports ${base} as ${type}, another module otherwise: not merged`);
      seen.set(base, type);
    }
  }
  // The declarations as text, from the binary's (all modules declare each the same).
  const lim = (t) => { const [flag, min, max] = t.split(':'); return Number(flag) & ~1 ? fail(`limits flag ${flag} not understood`) : max === 'null' ? min : `${min} ${max}`; };
  const text = (kind, type) => {
    if (kind === 'memory') return lim(type);
    if (kind === 'table') { const [ref, ...l] = type.split(':'); if (ref !== '112') fail(`table of type ${ref} not understood`); return `${lim(l.join(':'))} funcref`; }
    const [t, mut] = type.split(':');
    const vt = { 127: 'i32', 126: 'i64', 125: 'f32', 124: 'f64' }[t] || fail(`global of type ${t} not understood`);
    return mut === '1' ? `(mut ${vt})` : vt;
  };
  const lines = [];
  SHARED.filter(([base]) => seen.has(base)).forEach(([base, kind], i) => {
    lines.push(`  (import "stance_split" "${base}" (${kind} $i${i} ${text(kind, seen.get(base))}))`, `  (export "${base}" (${kind} $i${i}))`);
  });
  return `(module\n${lines.join('\n')}\n)\n`;
}

// The features rustc's wasm32 target uses (the modules' features section; binaryen takes
// a merge's features from its first module, the stub, which has none).
const FEATURES = ['mutable-globals', 'nontrapping-float-to-int', 'bulk-memory', 'bulk-memory-opt', 'sign-ext', 'reference-types', 'multivalue', 'call-indirect-overlong'].map((f) => `--enable-${f}`);

let merged = 0;
for (const s of splits) {
  const take = s.deps.filter((d) => small.has(d));
  if (!take.length) continue;
  const files = [s.file, ...take.map((d) => chunks.get(d).file)];
  const stubWat = path.join(dir, `${s.file}.stub.wat`);
  const stubWasm = path.join(dir, `${s.file}.stub.wasm`);
  fs.writeFileSync(stubWat, stub(files));
  execFileSync('wasm-as', [...FEATURES, stubWat, '-o', stubWasm]);
  const args = [stubWasm, '__wasm_split'];
  files.forEach((f, i) => args.push(path.join(dir, f), `m${i}`));
  const out = path.join(dir, `${s.file}.merged`);
  execFileSync('wasm-merge', [...args, ...FEATURES, '-o', out], { stdio: ['ignore', 'inherit', 'pipe'] });
  fs.renameSync(out, path.join(dir, s.file));
  fs.rmSync(stubWat);
  fs.rmSync(stubWasm);
  const keep = s.deps.filter((d) => !small.has(d));
  js = js.replace(s.def, s.def.replace(/\n, \[[^\]]*\]\)\);\n$/, `\n, [${keep.join(', ')}]));\n`));
  merged += take.length;
  console.log(`split-merge: ${s.file}: ${take.length} of its ${s.deps.length} chunks merged in (${take.map((d) => chunks.get(d).file).join(' ')})`);
}
// The merged chunks: no loader fetches them now.
for (const v of small) {
  const c = chunks.get(v);
  if (!js.includes(c.def)) fail(`lost the definition of ${v}`);
  js = js.replace(c.def, '');
  fs.rmSync(path.join(dir, c.file));
}
// The merged files import the shared things from `stance_split`: the same object.
const shared = /\n    return sharedImports;\n/;
if (small.size) {
  if (!shared.test(js)) fail(`${loaderPath}: no "return sharedImports;" to add stance_split before`);
  js = js.replace(shared, '\n    sharedImports.stance_split = sharedImports.__wasm_split;\n    return sharedImports;\n');
}
for (const v of small) if (new RegExp(`\\b${v}\\b`).test(js)) fail(`${v} is still used by the loader`);
fs.writeFileSync(loaderPath, js);
console.log(`split-merge: ${small.size} chunks below ${limit} bytes merged into their users (${merged} copies); ${chunks.size - small.size} kept as files`);
