// A small static file server for the built site, on 127.0.0.1 only.
//
//   node e2e/serve.mjs DIR [PORT] [--prefix /stance/]
//
// With --prefix the site is served under that sub-path only (as GitHub Pages serves a
// project site), and "/" answers 404, so a test can prove the build uses relative URLs.
// Exported as `startServer` for the end-to-end tests.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export function startServer(root, { port = 0, prefix = '/' } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found (outside the served prefix)');
      return;
    }
    p = p.slice(prefix.length);
    if (p === '' || p.endsWith('/')) p += 'index.html';
    const file = path.resolve(base, p);
    if (!file.startsWith(base + path.sep) && file !== base) {
      res.writeHead(403);
      res.end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://127.0.0.1:${actual}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const prefixAt = args.indexOf('--prefix');
  let prefix = '/';
  if (prefixAt >= 0) {
    prefix = args[prefixAt + 1] || '/';
    args.splice(prefixAt, 2);
  }
  if (!prefix.endsWith('/')) prefix += '/';
  const [dir = 'dist', port = '8080'] = args;
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: ${dir}/index.html does not exist; build first (bash scripts/build.sh)`);
    process.exit(1);
  }
  const { url } = await startServer(dir, { port: Number(port), prefix });
  console.log(`Stance is served at ${url}  (Ctrl+C to stop)`);
}
