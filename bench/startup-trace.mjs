// Where start-up's time goes, from one trace per run: loads the release build in headless
// Chromium while tracing and prints, in ms from navigation start (medians of the runs),
// each file's request and its last byte, the wasm's compile (which V8 event, on which
// thread), the app's marks (`stance-main`, `stance-corpus`, `stance-mounted`,
// `stance-ready`), first paint, and the main thread's CPU time in each step between
// them. Tracing slows the page: read the shares and the order, not the totals.
//
//   bash scripts/build.sh && node bench/startup-trace.mjs [runs=5] [DIST]   (default dist/)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] || 5);
const dist = process.argv[3] || path.join(ROOT, 'dist');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const server = await startServer(dist, { prefix: '/' });
const rows = new Map(); // label -> [ms]
const add = (label, v) => { if (v === undefined || Number.isNaN(v)) return; if (!rows.has(label)) rows.set(label, []); rows.get(label).push(v); };
for (let r = 0; r < runs; r++) {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', 'loading', 'devtools.timeline', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'v8'] });
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('stance-ready').length > 0, null, { timeout: 60000 });
  const events = JSON.parse(await browser.stopTracing()).traceEvents;
  // The page's own timings (navigation and resource timing), ms from navigation start.
  const timing = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    const out = { 'page: HTML request start': n.requestStart, 'page: HTML response end': n.responseEnd, 'page: DOMContentLoaded': n.domContentLoadedEventStart };
    for (const r of performance.getEntriesByType('resource')) {
      const f = r.name.split('/').pop();
      out[`page: ${f} fetch start`] = r.startTime;
      out[`page: ${f} response end`] = r.responseEnd;
    }
    return out;
  });
  for (const [k, v] of Object.entries(timing)) add(k, v);
  await page.close();
  const nav = events.filter((e) => e.name === 'navigationStart' && /127\.0\.0\.1/.test(e.args?.data?.documentLoaderURL || '')).pop();
  if (!nav) throw new Error('no navigationStart in the trace');
  const t = (ts) => (ts - nav.ts) / 1000;
  const pid = nav.pid;
  const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const mainTid = events.find((e) => e.name === 'thread_name' && e.pid === pid && e.args.name === 'CrRendererMain')?.tid;
  // Requests: send -> finish, by file name.
  const sent = new Map();
  for (const e of events) {
    if (e.name === 'ResourceSendRequest' && /^http:\/\/127\.0\.0\.1/.test(e.args?.data?.url || '')) sent.set(e.args.data.requestId, { file: e.args.data.url.split('/').pop() || 'index.html', ts: e.ts });
  }
  for (const e of events) {
    if (e.name === 'ResourceFinish' && sent.has(e.args?.data?.requestId)) {
      const s = sent.get(e.args.data.requestId);
      add(`request ${s.file}: sent`, t(s.ts));
      add(`request ${s.file}: finished`, t(e.ts));
    }
  }
  // The wasm's compile and instantiation (V8's events; their thread).
  for (const e of events) {
    if (e.pid !== pid || !/^wasm\.(AsyncCompile|SyncCompile|StartStreamingCompilation|FinishedStreaming|StreamingFinished|CompileTopTier|Deserialize|SyncInstantiate|CompileLazy|BaselineFinished|CompilationFinished|OnCompilationSucceeded)/.test(e.name)) continue;
    if (e.name === 'wasm.CompileLazy') continue; // Counted below.
    const where = threads.get(`${e.pid}:${e.tid}`) || e.tid;
    add(`${e.name} (${where}) start`, t(e.ts));
    if (e.dur !== undefined) add(`${e.name} (${where}) dur`, e.dur / 1000);
  }
  const marks = ['stance-main', 'stance-corpus', 'stance-mounted', 'stance-ready'];
  const at = Object.fromEntries(marks.map((m) => [m, events.find((e) => e.name === m && e.pid === pid)?.ts]));
  // Functions V8 compiled on their first call (Liftoff, on the calling thread), per step.
  const lazy = events.filter((e) => e.pid === pid && e.tid === mainTid && e.name === 'wasm.CompileLazy' && e.dur !== undefined);
  const steps = [[nav.ts, at['stance-main'], 'before stance-main'], [at['stance-main'], at['stance-corpus'], 'stance-main -> stance-corpus'], [at['stance-corpus'], at['stance-mounted'], 'stance-corpus -> stance-mounted'], [at['stance-mounted'], at['stance-ready'], 'stance-mounted -> stance-ready']];
  for (const [from, to, label] of steps) {
    if (from === undefined || to === undefined) continue;
    const inStep = lazy.filter((e) => e.ts >= from && e.ts < to);
    add(`wasm.CompileLazy ${label}: count`, inStep.length);
    add(`wasm.CompileLazy ${label}: ms`, inStep.reduce((s, e) => s + e.dur, 0) / 1000);
  }
  for (const m of marks) add(`mark ${m}`, at[m] !== undefined ? t(at[m]) : undefined);
  const fp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === pid) || events.find((e) => e.name === 'firstPaint' && e.pid === pid);
  if (fp) add('first contentful paint', t(fp.ts));
  // Main-thread CPU (top-level tasks' thread time) per step.
  const all = events.filter((e) => e.pid === pid && e.tid === mainTid && e.ph === 'X' && e.tdur !== undefined && e.ts >= nav.ts && (at['stance-ready'] === undefined || e.ts < at['stance-ready'])).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  let end = 0;
  for (const e of all) if (e.ts >= end) { tasks.push(e); end = e.ts + e.dur; }
  // The wasm's main (stance-main to stance-mounted) runs in one task: its steps by wall
  // time between the marks; the CPU of the tasks that end before stance-main apart.
  add('main-thread CPU to stance-ready', tasks.reduce((s, e) => s + e.tdur, 0) / 1000);
  if (at['stance-main'] !== undefined) add('main-thread CPU of the tasks done before stance-main', tasks.filter((e) => e.ts + e.dur <= at['stance-main']).reduce((s, e) => s + e.tdur, 0) / 1000);
  for (const [from, to, label] of steps.slice(1)) if (from !== undefined && to !== undefined) add(`step ${label} (wall)`, (to - from) / 1000);
  // The main thread's biggest tasks before the first mark, with what they were.
  const before = tasks.filter((e) => at['stance-main'] === undefined || e.ts < at['stance-main']);
  for (const e of before.filter((x) => x.tdur > 2000)) add(`main task >2ms before stance-main: ${e.name} @${Math.round(t(e.ts) / 10) * 10}`, e.tdur / 1000);
}
const isTime = (l) => /^(request|mark|first|page)/.test(l) || / start$/.test(l);
console.log(`${dist}: medians of ${runs} traced runs`);
console.log('-- when (ms from navigation start):');
for (const [label, xs] of [...rows.entries()].filter(([l]) => isTime(l)).sort((a, b) => median(a[1]) - median(b[1]))) console.log(`${median(xs).toFixed(1).padStart(8)}  ${label}  [n=${xs.length}]`);
console.log('-- how long / how many (ms, or count):');
for (const [label, xs] of [...rows.entries()].filter(([l]) => !isTime(l))) console.log(`${median(xs).toFixed(1).padStart(8)}  ${label}  [n=${xs.length}]`);
await browser.close();
await server.close();
