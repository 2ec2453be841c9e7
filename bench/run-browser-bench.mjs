// Serves bench/web on 127.0.0.1 and runs the benchmark page in headless Chromium
// (through playwright-core, with the system's /usr/bin/chromium), printing the results.
// Usage (after bench/run-browser-bench.sh has built bench/web/pkg):
//   node bench/run-browser-bench.mjs [factors=1,100,1000] [runs=5]
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, 'web');
const require = createRequire(path.join(root, 'package.json'));
const { chromium } = require('playwright-core');

const factors = process.argv[2] || process.env.FACTORS || '1,100,1000';
const runs = process.argv[3] || process.env.RUNS || '5';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const file = path.normalize(path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
  if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(data);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  // gc() and precise performance.memory for the heap figures.
  args: ['--js-flags=--expose-gc', '--enable-precise-memory-info', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let code = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}/index.html?factors=${factors}&runs=${runs}`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 30 * 60 * 1000, polling: 1000 });
  const result = await page.evaluate(() => window.benchResult);
  console.log(`Chromium ${context.browser()?.version() ?? ''}`);
  console.log(result.text);
  if (result.error) code = 1;
} finally {
  await context.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(code);
