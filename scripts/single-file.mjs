// Writes the one-file build: a single HTML file with the script, the wasm, the styles
// and the corpus inside it, which works opened straight from disk (file://), offline,
// under a strict CSP (the inline script and styles allowed by hash; no 'unsafe-inline',
// no 'unsafe-eval'; 'wasm-unsafe-eval' compiles the wasm, as on the site).
//
// Usage: node scripts/single-file.mjs [DIST] [OUT]   (after the release build)
//   default DIST = dist, OUT = DIST/stance.html
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dist = path.resolve(process.argv[2] || 'dist');
const out = path.resolve(process.argv[3] || path.join(dist, 'stance.html'));
const read = (name) => fs.readFileSync(path.join(dist, name));
const fail = (msg) => { console.error(`single-file: ${msg}`); process.exit(1); };

const index = read('index.html').toString('utf8');
if (!fs.existsSync(path.join(dist, 'stance-app_bg.wasm'))) fail(`${dist}/stance-app_bg.wasm is missing: run bash scripts/build.sh first`);

// The stylesheets, in the order index.html links them.
const css = [...index.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g)]
  .map((m) => read(m[1].replace(/^\.\//, '')).toString('utf8'))
  .join('\n');
if (!css) fail('index.html links no stylesheet (is this a Trunk build of Stance?)');

// The split build's chunks (scripts/split-wasm.sh) go inline too, base64 in script
// elements of their own, and the chunk loader `__wasm_split.js` runs inline before the
// glue: its fetches of a chunk read those elements instead, its `initSync` is the glue's,
// and the glue's imports of it are the object of its exports.
let splitLoader = '';
const chunkNames = [];
if (fs.existsSync(path.join(dist, '__wasm_split.js'))) {
  let js = read('__wasm_split.js').toString('utf8');
  const mainImport = /^import\s*\{\s*initSync\s*\}\s*from\s*"\.\/stance-app\.js";?\s*$/m;
  if (!mainImport.test(js)) fail('__wasm_split.js does not import initSync from ./stance-app.js as expected');
  js = js.replace(mainImport, '');
  const fetches = /fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g;
  js = js.replace(fetches, (_, name) => { chunkNames.push(name); return `stanceInlineChunk(${JSON.stringify(name)})`; });
  const exported = [];
  js = js.replace(/^export\s+const\s+(\w+)/gm, (_, name) => { exported.push(name); return `const ${name}`; });
  if (/^\s*(import|export)\b/m.test(js) || /import\.meta/.test(js)) fail('__wasm_split.js has an import, export or import.meta this script does not know how to inline');
  splitLoader = `${js}
/** A chunk's bytes, from its script element, as the response a fetch would give. */
async function stanceInlineChunk(name) {
  const el = document.getElementById('stance-chunk-' + name);
  if (!el) throw new Error('the one-file build has no chunk ' + name);
  const bin = atob(el.textContent.trim());
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
}
const stanceSplitLoader = { ${exported.join(', ')} };
`;
}

// wasm-bindgen's ES module glue, with its exports dropped: it runs inline, and the boot
// code below calls its init function with the wasm's bytes.
let glue = read('stance-app.js').toString('utf8');
glue = glue.replace(/^import\s*\*\s*as\s+(\w+)\s+from\s*"\.\/__wasm_split\.js";?\s*$/gm, (_, name) => {
  if (!splitLoader) fail('stance-app.js imports __wasm_split.js, which dist/ lacks');
  return `const ${name} = stanceSplitLoader;`;
});
const initName = (glue.match(/export\s*\{[^}]*\b(\w+)\s+as\s+default\b[^}]*\}/) || glue.match(/export\s+default\s+(\w+)\s*;/) || [])[1];
if (!initName) fail('cannot find the default export (the init function) in stance-app.js');
glue = glue
  .replace(/^export\s*\{[^}]*\}\s*;?\s*$/gm, '')
  .replace(/^export\s+default\s+\w+\s*;?\s*$/gm, '')
  .replace(/^export\s+(?=(async\s+)?function|class|const|let|var)/gm, '');
if (/^\s*(import|export)\b/m.test(glue)) fail('stance-app.js has an import or export this script does not know how to inline');

const boot = `
function stanceFatal(message) {
  const box = document.getElementById('stance-boot') || document.body.appendChild(document.createElement('div'));
  box.className = 'boot boot--error';
  box.setAttribute('role', 'alert');
  box.replaceChildren();
  for (const [cls, text] of [['boot__title', 'Stance could not start.'], ['boot__message', message], ['boot__message', 'Use a current browser with WebAssembly enabled.']]) {
    const p = document.createElement('p');
    p.className = cls;
    p.textContent = text;
    box.append(p);
  }
}
window.__stanceFatal = stanceFatal;
window.__stanceSingleFile = true;
// A panic in the release wasm is a trap (it aborts at once; see public/boot.js).
const stanceTrap = (err) => {
  if (typeof WebAssembly === 'object' && err instanceof WebAssembly.RuntimeError) {
    console.error('Stance stopped:', err);
    stanceFatal(\`Internal error (\${err.message}).\`);
  }
};
window.addEventListener('error', (event) => stanceTrap(event.error));
window.addEventListener('unhandledrejection', (event) => stanceTrap(event.reason));
try {
  const b64 = document.getElementById('stance-wasm').textContent.trim();
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  ${initName}({ module_or_path: bytes }).catch((err) => { console.error('Stance failed to start:', err); stanceFatal(String(err && err.message ? err.message : err)); });
} catch (err) {
  stanceFatal(String(err && err.message ? err.message : err));
}
`;
const script = `${splitLoader}\n${glue}\n${boot}`;
if (script.includes('</script')) fail('the script contains "</script" and cannot be inlined');
const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const wasm = read('stance-app_bg.wasm').toString('base64');
const favicon = fs.existsSync(path.join(dist, 'favicon.svg')) ? `data:image/svg+xml;base64,${read('favicon.svg').toString('base64')}` : '';

const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(css)}`,
  'img-src data:',
  // Loading a corpus from a web address (after the app asks) is the only network use.
  'connect-src https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const title = (index.match(/<title>([^<]*)<\/title>/) || [, 'Stance'])[1];
const description = (index.match(/<meta name="description" content="([^"]*)">/) || [, ''])[1];
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="description" content="${description}">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
${favicon ? `<link rel="icon" href="${favicon}" type="image/svg+xml">` : ''}
<style>${css}</style>
</head>
<body>
<div id="stance-boot" class="boot" role="status"><p class="boot__message">Loading Stance…</p><noscript><p class="boot__message">Stance needs JavaScript and WebAssembly to run.</p></noscript></div>
<script type="application/octet-stream" id="stance-wasm">${wasm}</script>
${chunkNames.map((name) => `<script type="application/octet-stream" id="stance-chunk-${name}">${read(name).toString('base64')}</script>`).join('\n')}
<script type="module">${script}</script>
</body>
</html>
`;
fs.writeFileSync(out, html);
const gz = (await import('node:zlib')).gzipSync(html, { level: 9 }).length;
console.log(`single-file: wrote ${path.relative(process.cwd(), out)} (${(html.length / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzip)`);
