// A small static file server for the built site, on 127.0.0.1 only.
//
//   node e2e/serve.mjs DIR [PORT] [--prefix /stance/]
//
// With --prefix the site is served under that sub-path only (as GitHub Pages serves a
// project site), and "/" answers 404, so a test can prove the build uses relative URLs.
// Exported as `startServer` for the end-to-end tests, which may also ask for:
//   - `testRoutes`: hostile servers under /__e2e/ (outside the prefix): `big` streams
//     50 MB (`?length=1` with a Content-Length header, otherwise chunked without one),
//     `hang` accepts the request and never answers, `redirect?to=URL` answers 302.
//   - `cors`: `Access-Control-Allow-Origin: *` on every answer (a foreign corpus host).
//   - `tls: { key, cert }`: HTTPS instead of HTTP.
import http from 'node:http';
import https from 'node:https';
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

/** Bytes the `big` route sends: more than any corpus may have from a link. */
export const BIG_BYTES = 50 * 1000 * 1000;

/** Streams `total` bytes in chunks, waiting for the socket to drain; stops if the client goes. */
function streamBig(res, total) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  let gone = false;
  res.on('close', () => { gone = true; });
  const pump = () => {
    while (!gone && sent < total) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!gone) res.end();
  };
  pump();
}

/** The hostile routes; true if `url` was one of them. */
function testRoute(url, res) {
  switch (url.pathname) {
    case '/__e2e/big': {
      const headers = { 'content-type': 'application/json' };
      if (url.searchParams.get('length') === '1') headers['content-length'] = String(BIG_BYTES);
      res.writeHead(200, headers);
      streamBig(res, BIG_BYTES);
      return true;
    }
    case '/__e2e/hang':
      return true; // Never answers; the connection is closed when the server closes.
    case '/__e2e/redirect':
      res.writeHead(302, { location: url.searchParams.get('to') || '/' });
      res.end();
      return true;
    default:
      return false;
  }
}

export function startServer(root, { port = 0, prefix = '/', testRoutes = false, cors = false, tls = null } = {}) {
  const base = path.resolve(root);
  const handler = (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (cors) res.setHeader('access-control-allow-origin', '*');
    if (testRoutes && testRoute(url, res)) return;
    let p;
    try {
      p = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad percent-encoding in the path');
      return;
    }
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
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  const scheme = tls ? 'https' : 'http';
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      const close = () => new Promise((r) => {
        server.close(r);
        server.closeAllConnections(); // Includes the requests `hang` holds open.
      });
      resolve({ server, origin: `${scheme}://127.0.0.1:${actual}`, url: `${scheme}://127.0.0.1:${actual}${prefix}`, close });
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
