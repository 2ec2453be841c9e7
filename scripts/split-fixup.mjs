// The last step of scripts/split-wasm.sh: writes wasm-split-cli's chunk loader into
// DIST with two changes, and preloads it from DIST/index.html.
//   - A chunk is compiled as it streams in when the server sends application/wasm, else
//     from its bytes (as public/boot.js does for the main wasm); a failed fetch (404, no
//     network) rejects, which the app shows as a notice (src/split.rs), never a panic.
//   - index.html preloads the loader beside the glue (the glue imports it), so it does
//     not cost a round of requests after the glue.
// Usage: node scripts/split-fixup.mjs LOADER_JS DIST
import fs from 'node:fs';
import path from 'node:path';

const [loaderPath, dist] = process.argv.slice(2);
const fail = (msg) => { console.error(`split-fixup: ${msg}`); process.exit(1); };
let js = fs.readFileSync(loaderPath, 'utf8');
const streaming = /WebAssembly\.instantiateStreaming\(src, imports\)/g;
if (!streaming.test(js)) fail(`${loaderPath}: no WebAssembly.instantiateStreaming(src, imports) to replace (a new wasm-split-cli?)`);
js = js.replace(streaming, 'stanceInstantiateChunk(src, imports)');
js += `
/** Instantiates a chunk from its fetch: streaming when served as application/wasm. */
async function stanceInstantiateChunk(src, imports) {
    const response = await src;
    if (!response.ok) throw new Error(\`failed to fetch a part of the app: \${response.status} \${response.statusText} fetching '\${response.url}'\`);
    if (typeof WebAssembly.instantiateStreaming === 'function' && /^application\\/wasm\\s*(;|$)/i.test(response.headers.get('content-type') || '')) {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;
fs.writeFileSync(path.join(dist, '__wasm_split.js'), js);

const indexPath = path.join(dist, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const glue = '<link rel="modulepreload" href="stance-app.js">';
if (!html.includes(glue)) fail(`${indexPath}: no ${glue} to put the loader's preload beside`);
if (!html.includes('href="__wasm_split.js"')) html = html.replace(glue, `${glue}\n  <link rel="modulepreload" href="__wasm_split.js">`);
fs.writeFileSync(indexPath, html);
