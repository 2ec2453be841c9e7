// Where a zoom step's main-thread time goes, by the browser's own trace events: loads
// `stance synth 1000` into a build (STANCE_DIST, default dist/), optionally types a query
// (Q=cyber), presses "+" on the chart 4 times (STEPS=n: n steps, "+" and "-" in turn
// after the fourth; OUT=file keeps the trace) while tracing (categories devtools.timeline,
// blink, v8.execute), and prints the renderer main thread's time per step by trace event
// name: script (EventDispatch / FunctionCall / RunMicrotasks), the URL write
// (FrameLoader::updateForSameDocumentNavigation, i.e. history.replaceState), style
// (UpdateLayoutTree), Layout, Paint, GC. Nested events are each counted, so the lines
// overlap; compare a name across builds, not lines with each other. First it prints, per
// step, the main thread's CPU time (trace `tdur`) from the key to the end of its frame's
// paint: the steadiest figure on a shared machine.
// PAN=1 traces pan steps instead: 4 zoom steps in first (not traced), then STEPS arrow
// keys (right and left in turn).
//
//   STANCE_DIST=dist Q=cyber node bench/trace-zoom.mjs
//   PAN=1 STEPS=8 node bench/trace-zoom.mjs
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
const PAN = Boolean(process.env.PAN);
if (PAN) for (let i = 0; i < 4; i++) { await page.keyboard.press('+'); await page.waitForTimeout(300); }
await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute'] });
const STEPS = Number(process.env.STEPS || 4);
// Zoom in and out in turn after the first half, so that many steps stay in range.
const keyOf = (i) => (PAN ? (i % 2 ? 'ArrowLeft' : 'ArrowRight') : i < 4 || i % 2 ? '+' : '-');
for (let i = 0; i < STEPS; i++) { await page.keyboard.press(keyOf(i)); await page.waitForTimeout(300); }
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
// Per step, the main thread's own CPU time (trace `tdur`, which leaves out the time the
// thread waited for a core: steadier on a shared machine than wall time) from the keydown
// to the end of the first Paint after it, over the top-level events in that window.
const xs = events.filter((e) => e.ph === 'X' && e.tid === main?.tid && e.pid === main?.pid).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const top = []; let end = -1;
for (const e of xs) if (e.ts >= end) { top.push(e); end = e.ts + e.dur; }
const steps = [];
for (const k of xs.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')) {
  const paint = xs.find((e) => e.name === 'Paint' && e.ts > k.ts);
  if (!paint) continue;
  const inside = top.filter((e) => e.ts + e.dur > k.ts - 1 && e.ts < paint.ts + paint.dur);
  steps.push({ frame: inside.reduce((a, e) => a + (e.tdur ?? e.dur), 0) / 1000, script: (k.tdur ?? k.dur) / 1000 });
}
const sorted = (f) => steps.map(f).sort((a, b) => a - b);
const q = (f, p) => { const s = sorted(f); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
console.log(`per step, main-thread CPU time from the key to its frame painted: median ${q((x) => x.frame, 0.5).toFixed(1)} ms, p95 ${q((x) => x.frame, 0.95).toFixed(1)} ms (the key's script: median ${q((x) => x.script, 0.5).toFixed(1)} ms); each: ${steps.map((x) => x.frame.toFixed(1)).join(' ')}`);
console.log([...sums].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([n, d]) => `${(d / STEPS).toFixed(1).padStart(7)} ms/step  ${n}`).join('\n'));
await browser.close(); await server.close();
fs.rmSync(site, { recursive: true, force: true });
