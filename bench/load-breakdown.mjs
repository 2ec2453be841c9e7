// Where a corpus load's wall time goes, end to end: loads a synthetic corpus
// (`stance synth FACTOR`) into the release build through `?corpus=` in headless
// Chromium, RUNS times, and prints the median of each phase, from the page's
// performance marks and measures (src/components/loading.rs):
//   worker stages — from the corpus file's arrival (Resource Timing responseEnd) to the
//            first progress report of each stage the worker posts (`stance-load-STAGE`),
//            the last one ending when the first part arrives (`stance-load-parts`)
//   parts  — from the first part to the worker's `done`; on the page meanwhile: reading
//            the parts' JSON (`stance-part-json`) and the Assembler (`stance-part-index`)
//   index finish, timeline data — their slices (`stance-index-slice`,
//            `stance-timeline-slice`), busy time and wall time (the rest is idle gaps)
//   swap   — each step of the swap (`stance-swap-*`)
//   total  — arrival to `stance-corpus-shown` (the load of bench/run-app-bench.mjs)
//
//   bash scripts/build.sh && node bench/load-breakdown.mjs [factor=1000] [runs=5]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const factor = Number(process.argv[2] || 1000);
const runs = Number(process.argv[3] || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
// Served as application/octet-stream, like bench/run-app-bench.mjs (see there why).
const name = `synth-${factor}.corpus`;
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-load-breakdown-'));
fs.cpSync(process.env.STANCE_DIST || path.join(ROOT, 'dist'), site, { recursive: true });
fs.writeFileSync(path.join(site, name), execFileSync('cargo', ['run', '-q', '--release', '-p', 'stance-cli', '--', 'synth', String(factor)], { cwd: ROOT, maxBuffer: 1 << 30 }));
const server = await startServer(site, { prefix: '/' });
const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const rows = {};
const add = (k, v) => (rows[k] ||= []).push(v);
for (let r = 0; r < runs; r++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}#/?corpus=${name}`);
  await page.waitForFunction(() => performance.getEntriesByName('stance-corpus-shown').length > 0, null, { timeout: 180000 });
  await page.waitForTimeout(100);
  const t = await page.evaluate((name) => {
    const arrival = performance.getEntriesByType('resource').find((e) => e.name.endsWith(name)).responseEnd;
    const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('stance-load-')).map((m) => [m.name.slice(12), m.startTime]));
    const measures = (n) => performance.getEntriesByName(n, 'measure');
    const busy = (n) => measures(n).reduce((a, m) => a + m.duration, 0);
    const span = (n) => { const ms = measures(n); return ms.length ? ms[ms.length - 1].startTime + ms[ms.length - 1].duration - ms[0].startTime : 0; };
    const shown = performance.getEntriesByName('stance-corpus-shown')[0].startTime;
    const swap = Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('stance-swap-')).map((m) => [m.name.slice(12), m.duration]));
    const firstSwap = performance.getEntriesByName('stance-swap-clear', 'measure')[0]?.startTime ?? shown;
    const lastTimeline = measures('stance-timeline-slice').at(-1);
    return { arrival, marks, shown, swap, firstSwap, slices: { json: busy('stance-part-json'), index: busy('stance-part-index'), parts: measures('stance-part-index').length, finishBusy: busy('stance-index-slice'), finishSpan: span('stance-index-slice'), finishCount: measures('stance-index-slice').length, tlBusy: busy('stance-timeline-slice'), tlSpan: span('stance-timeline-slice'), tlCount: measures('stance-timeline-slice').length, tlEnd: lastTimeline ? lastTimeline.startTime + lastTimeline.duration : NaN, finishStart: measures('stance-index-slice')[0]?.startTime ?? NaN } };
  }, name);
  const order = ['read', 'parse', 'check', 'load', 'extract', 'tag', 'resolve'].map((s) => [s, t.marks[s[0].toUpperCase() + s.slice(1)]]).filter(([, v]) => v !== undefined);
  let prev = t.arrival;
  let prevName = 'arrival → first report (worker start-up)';
  for (const [s, at] of order) {
    add(prevName, at - prev);
    prev = at;
    prevName = `worker ${s}`;
  }
  add(`${prevName} (to the first part)`, t.marks.parts - prev);
  add('parts: first part → done', t.marks.done - t.marks.parts);
  add('  page: parts JSON read (busy)', t.slices.json);
  add('  page: Assembler / index add (busy)', t.slices.index);
  add('  parts', t.slices.parts);
  add('done → first index slice', t.slices.finishStart - t.marks.done);
  add('index finish: wall', t.slices.finishSpan);
  add('  busy', t.slices.finishBusy);
  add('  slices', t.slices.finishCount);
  add('timeline data: wall', t.slices.tlSpan);
  add('  busy ', t.slices.tlBusy);
  add('  slices ', t.slices.tlCount);
  add('timeline end → swap start', t.firstSwap - t.slices.tlEnd);
  for (const [k, v] of Object.entries(t.swap)) add(`swap ${k}`, v);
  add('swap: start → corpus shown', t.shown - t.firstSwap);
  add('TOTAL: arrival → corpus shown', t.shown - t.arrival);
  await page.close();
}
console.log(`${factor}x load, medians of ${runs} runs (ms)`);
for (const [k, v] of Object.entries(rows)) console.log(`${median(v).toFixed(1).padStart(9)}  ${k}   [${v.map((x) => x.toFixed(0)).join(' ')}]`);
await browser.close();
await server.close();
fs.rmSync(site, { recursive: true, force: true });
