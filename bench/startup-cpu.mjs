// Start-up by main-thread CPU time, less sensitive than wall time to a loaded machine:
// loads the release build (or several builds, alternately) in headless Chromium while
// tracing, and prints the medians of the renderer main thread's CPU time (thread time of
// its top-level tasks) from navigation start to the app's `stance-ready` mark, the wall
// time to that mark, and, where the build sets them (src/app.rs, src/main.rs), the time
// between its start-up marks: before `stance-main` (CPU: HTML, stylesheets, glue, the
// wasm's compile), `stance-main` -> `stance-corpus` (reading the bundled corpus and
// indexing it), -> `stance-mounted` (building the explorer), -> `stance-ready` (to the
// frame that shows it). Tracing slows the page: compare builds, not with the benchmark.
//
//   bash scripts/build.sh && node bench/startup-cpu.mjs [runs=9] [DIST ...]   (default dist/)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] || 9);
const dists = process.argv.length > 3 ? process.argv.slice(3) : [path.join(ROOT, 'dist')];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const servers = await Promise.all(dists.map((d) => startServer(d, { prefix: '/' })));
const results = dists.map(() => ({ cpu: [], wall: [], pre: [], corpus: [], render: [], after: [] }));
for (let r = 0; r < runs; r++) {
  for (let i = 0; i < dists.length; i++) {
    const page = await browser.newPage();
    await page.goto('about:blank');
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', 'loading', 'devtools.timeline'] });
    await page.goto(servers[i].url);
    await page.waitForFunction(() => performance.getEntriesByName('stance-ready').length > 0, null, { timeout: 60000 });
    const wall = await page.evaluate(() => performance.getEntriesByName('stance-ready')[0].startTime);
    const events = JSON.parse(await browser.stopTracing()).traceEvents;
    await page.close();
    const nav = events.filter((e) => e.name === 'navigationStart' && /127\.0\.0\.1/.test(e.args?.data?.documentLoaderURL || '')).pop();
    const mark = (name) => events.find((e) => e.name === name && e.pid === nav?.pid)?.ts;
    const ready = mark('stance-ready');
    const main = events.find((e) => e.name === 'thread_name' && e.pid === nav?.pid && e.args.name === 'CrRendererMain')?.tid;
    if (!nav || ready === undefined || main === undefined) throw new Error('the trace lacks the navigation, the main thread or stance-ready');
    // Top-level tasks: complete events on the main thread not inside another.
    const all = events.filter((e) => e.pid === nav.pid && e.tid === main && e.ph === 'X' && e.tdur !== undefined && e.ts >= nav.ts && e.ts < ready)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const tasks = [];
    let end = 0;
    for (const e of all) if (e.ts >= end) { tasks.push(e); end = e.ts + e.dur; }
    const cpu = (list) => list.reduce((s, e) => s + e.tdur, 0) / 1000;
    const res = results[i];
    res.cpu.push(cpu(tasks));
    res.wall.push(wall);
    const [m0, m1, m2] = ['stance-main', 'stance-corpus', 'stance-mounted'].map(mark);
    if (m0 !== undefined && m1 !== undefined && m2 !== undefined) {
      res.pre.push(cpu(tasks.filter((e) => e.ts + e.dur <= m0)));
      res.corpus.push((m1 - m0) / 1000);
      res.render.push((m2 - m1) / 1000);
      res.after.push((ready - m2) / 1000);
    }
  }
}
const ms = (xs) => `${median(xs).toFixed(1)} ms`;
for (let i = 0; i < dists.length; i++) {
  const res = results[i];
  console.log(`${dists[i]}: medians of ${runs}: main-thread CPU to stance-ready ${ms(res.cpu)} [${res.cpu.map((x) => x.toFixed(0)).join(' ')}], wall ${ms(res.wall)}`);
  if (res.pre.length) console.log(`  CPU before stance-main ${ms(res.pre)}; stance-main -> stance-corpus ${ms(res.corpus)}, -> stance-mounted ${ms(res.render)}, -> stance-ready ${ms(res.after)}`);
}
await browser.close();
for (const s of servers) await s.close();
