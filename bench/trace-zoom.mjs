// Where a zoom step's main-thread time goes, by the browser's own trace events: loads
// `stance synth 1000` into a build (STANCE_DIST, default dist/), optionally types a query
// (Q=cyber), presses "+" on the chart 4 times (STEPS=n: n steps, "+" and "-" in turn
// after the fourth; OUT=file keeps the trace) while tracing (categories devtools.timeline,
// blink, v8.execute), and prints the renderer main thread's time per step by trace event
// name: script (EventDispatch / FunctionCall / RunMicrotasks), the URL write
// (FrameLoader::updateForSameDocumentNavigation, i.e. history.replaceState), style
// (UpdateLayoutTree), Layout, Paint, GC. Nested events are each counted, so the lines
// overlap; compare a name across builds, not lines with each other.
//
//   STANCE_DIST=dist Q=cyber node bench/trace-zoom.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/serve.mjs';
const site = fs.mkdtempSync('/tmp/stance-trace-');

fs.cpSync(process.env.STANCE_DIST || 'dist', site, { recursive: true });
fs.writeFileSync(`${site}/synth-1000.json`, execFileSync('cargo', ['run', '-q', '--release', '-p', 'stance-cli', '--', 'synth', '1000'], { maxBuffer: 1 << 30 }));
const server = await startServer(site, { prefix: '/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`${server.url}#/?corpus=synth-1000.json`);
await page.getByText(/^Loaded “/).waitFor({ timeout: 180000 });
await page.waitForTimeout(500);
if (process.env.Q) { await page.locator('#st-search-input').fill(process.env.Q); await page.waitForTimeout(500); }
await page.getByRole('group', { name: 'Timeline of statements' }).focus();
await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute'] });
const STEPS = Number(process.env.STEPS || 4);
// Zoom in and out in turn after the first half, so that many steps stay in range.
for (let i = 0; i < STEPS; i++) { await page.keyboard.press(i < 4 || i % 2 ? '+' : '-'); await page.waitForTimeout(300); }
const buf = await browser.stopTracing();
if (process.env.OUT) fs.writeFileSync(process.env.OUT, buf);
const trace = JSON.parse(buf.toString());
const events = trace.traceEvents || trace;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const sums = new Map();
for (const e of events) {
  if (e.ph !== 'X' || e.tid !== main?.tid || e.pid !== main?.pid) continue;
  sums.set(e.name, (sums.get(e.name) || 0) + e.dur / 1000);
}
const counts = await page.evaluate(() => ({ elements: document.querySelectorAll('svg.st-chart *').length, marks: document.querySelectorAll('svg.st-chart [data-key]').length, page: document.querySelectorAll('*').length }));
console.log(`after the steps: ${counts.marks} marks, ${counts.elements} elements in the chart, ${counts.page} in the page`);
console.log([...sums].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([n, d]) => `${(d / STEPS).toFixed(1).padStart(7)} ms/step  ${n}`).join('\n'));
await browser.close(); await server.close();
fs.rmSync(site, { recursive: true, force: true });
