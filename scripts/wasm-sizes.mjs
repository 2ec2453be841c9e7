// Where the bytes of a wasm file are: its sections, and (when the file has a `name`
// section, as the wasm cargo writes before wasm-bindgen and wasm-opt does) the code by
// crate and the largest functions. A small stand-in for twiggy, with no install.
//
// Usage: node scripts/wasm-sizes.mjs FILE.wasm [TOP]   (TOP: how many functions; 25)
// Sizes are of the code as compiled, before wasm-opt: use them for shares, not totals.
import fs from 'node:fs';

const file = process.argv[2];
const top = Number.parseInt(process.argv[3] || '25', 10);
if (!file) {
  console.error('usage: node scripts/wasm-sizes.mjs FILE.wasm [TOP]');
  process.exit(2);
}
const buf = fs.readFileSync(file);
if (buf.readUInt32LE(0) !== 0x6d736100) {
  console.error(`wasm-sizes: ${file} is not a wasm file`);
  process.exit(1);
}

let pos = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return result;
  }
};
const str = () => {
  const n = leb();
  const s = buf.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let importedFuncs = 0;
const bodies = []; // [size] per defined function, in index order after the imports
const dataSegments = [];
const names = new Map();

while (pos < buf.length) {
  const id = buf[pos++];
  const size = leb();
  const start = pos;
  const end = start + size;
  let label = SECTIONS[id] || `section ${id}`;
  if (id === 0) {
    label = `custom "${str()}"`;
    if (label === 'custom "name"') {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const idx = leb();
            names.set(idx, str());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      str();
      str();
      const kind = buf[pos++];
      if (kind === 0) { leb(); importedFuncs++; }
      else if (kind === 1) { pos++; const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; leb(); }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const n = leb();
      bodies.push(n);
      pos += n;
    }
  } else if (id === 11) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const flags = leb();
      if (flags === 2) leb();
      if (flags !== 1) { while (buf[pos++] !== 0x0b); }
      const n = leb();
      dataSegments.push(n);
      pos += n;
    }
  }
  sections.push([label, size]);
  pos = end;
}

const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
const pct = (n, total) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${buf.length} bytes`);
console.log('\nsections');
for (const [label, size] of [...sections].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${label.padEnd(28)} ${kb(size)} ${pct(size, buf.length)}`);
}
if (dataSegments.length) {
  const sorted = [...dataSegments].sort((a, b) => b - a);
  console.log(`\ndata: ${dataSegments.length} segment(s); largest ${sorted.slice(0, 5).map((n) => kb(n).trim()).join(', ')}`);
}

if (!names.size) {
  console.log('\n(no name section: by-crate shares need the wasm cargo wrote, e.g. target/wasm32-unknown-unknown/release/stance-app.wasm)');
  process.exit(0);
}

// Rust's legacy mangling: _ZN<len><ident>...E. The crate is the first path component;
// for `<T as Trait>` impls it is the crate of the type T (as twiggy groups them).
const unescape = (s) => s.replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\$BP\$/g, '*').replace(/\$C\$/g, ',').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$u5b\$/g, '[').replace(/\$u5d\$/g, ']').replace(/\$u27\$/g, "'").replace(/\.\./g, '::');
// Rust's v0 mangling (_R..., what the nightly writes): only the identifiers it names, in
// order, joined by `::` (generic arguments and impl paths flattened: approximate).
const demangleV0 = (name) => {
  const parts = [];
  // Drop disambiguators (Cs<hash>_, Ms0_, ...) and back-references (B<n>_) first.
  const s = name.slice(2).replace(/([A-Z])s[0-9A-Za-z]*_/g, '$1').replace(/B[0-9A-Za-z]*_/g, '');
  for (let i = 0; i < s.length;) {
    const m = /^(\d+)_?/.exec(s.slice(i));
    if (m && (i === 0 || !/[0-9]/.test(s[i - 1]))) {
      const n = Number(m[1]);
      const ident = s.slice(i + m[0].length, i + m[0].length + n);
      if (n > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(ident)) {
        parts.push(ident);
        i += m[0].length + n;
        continue;
      }
    }
    i++;
  }
  return parts.length ? `${parts.join('::')} (v0)` : name;
};
const demangle = (name) => {
  if (name.startsWith('_R')) return demangleV0(name);
  const m = /^_ZN(.*)E$/.exec(name);
  if (!m) return name;
  const parts = [];
  let rest = m[1];
  while (rest.length) {
    const len = /^(\d+)/.exec(rest);
    if (!len) break;
    const n = Number(len[1]);
    parts.push(rest.slice(len[1].length, len[1].length + n));
    rest = rest.slice(len[1].length + n);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.map((p) => unescape(p.startsWith('_$') ? p.slice(1) : p)).join('::');
};
const crateOf = (full) => {
  // v0 mangling (_R...): the first crate named in it (C[s<disambiguator>_]<len><name>).
  if (full.endsWith(' (v0)')) return full.split('::')[0];
  let s = full.replace(/^[<&* ]+|^(dyn |mut |const )+/g, '');
  s = s.replace(/^[<&* (]+/, '').replace(/^(dyn |mut |const )+/, '').replace(/^[<&* (]+/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(s);
  if (m) return m[1];
  if (/^\[|^\(|^[a-z0-9]+ as /.test(s)) return 'core (primitive impls)';
  return /^[A-Za-z_][A-Za-z0-9_.$]*$/.test(full) && !full.startsWith('_ZN') ? '(wasm-bindgen / C / unnamed)' : '(other)';
};

const byCrate = new Map();
const funcs = [];
let codeTotal = 0;
bodies.forEach((size, i) => {
  const raw = names.get(importedFuncs + i) || `func[${importedFuncs + i}]`;
  const full = demangle(raw);
  const crate = crateOf(full);
  byCrate.set(crate, (byCrate.get(crate) || 0) + size);
  funcs.push([full, size, crate]);
  codeTotal += size;
});
const dataTotal = dataSegments.reduce((a, b) => a + b, 0);
console.log(`\ncode by crate (${bodies.length} functions, ${kb(codeTotal).trim()}; data ${kb(dataTotal).trim()} more)`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`  ${crate.padEnd(36)} ${kb(size)} ${pct(size, codeTotal + dataTotal)}`);
}
console.log(`\nlargest ${top} functions`);
for (const [name, size] of funcs.sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`  ${kb(size)}  ${name.length > 110 ? `${name.slice(0, 107)}...` : name}`);
}
