// Where the main thread's time goes during a corpus load: loads a synthetic corpus
// (`stance synth FACTOR`) into the release build in headless Chromium while recording a
// CPU profile of the page through the DevTools protocol, then prints each main-thread
// task of 50 ms or more with the functions that took its time (self time, by name; wasm
// functions appear under the names in the wasm's name section, or as wasm-function[N]).
// The raw profile is written to /tmp/stance-load-FACTOR.cpuprofile (open it in the
// DevTools Performance panel for the flame chart).
//
//   bash scripts/build.sh && node bench/profile-load.mjs [factor=1000] [action=load|zoom|key]
//   STANCE_PROFILE_SHAPE=ID node bench/profile-load.mjs MIB load
//       a hostile shape of MIB MiB (`stance synth --shape ID --mib MIB`) instead of a
//       synthetic factor (writes /tmp/stance-load-ID-MIB.cpuprofile)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const factor = Number(process.argv[2] || 1000);
const action = process.argv[3] || 'load';
const shape = process.env.STANCE_PROFILE_SHAPE;
const synthArgs = shape ? ['synth', '--shape', shape, '--mib', String(factor)] : ['synth', String(factor)];
const tag = shape ? `${shape}-${factor}` : String(factor);

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-profile-'));
fs.cpSync(process.env.STANCE_DIST || path.join(ROOT, 'dist'), site, { recursive: true });
const json = execFileSync('cargo', ['run', '-q', '--release', '-p', 'stance-cli', '--', ...synthArgs], { cwd: ROOT, maxBuffer: 1 << 30 });
fs.writeFileSync(path.join(site, `synth-${tag}.json`), json);
const server = await startServer(site, { prefix: '/' });
const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
});
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

// The profile's clock (microseconds, monotonic) against the page's performance.now().
let offset = 0;
const startProfiler = async () => {
  await cdp.send('Profiler.start');
  const now = await page.evaluate(() => performance.now());
  offset = now;
};
if (action === 'load') {
  // The bundled corpus first, then the big one through the file picker (the same worker
  // path as ?corpus=URL), so that one page and one profile see the whole load.
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('stance-ready').length > 0);
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__long = []; });
  await startProfiler();
  await page.locator('.st-loader__input').setInputFiles(path.join(site, `synth-${tag}.json`));
  await page.waitForFunction(() => performance.getEntriesByName('stance-corpus-shown').length > 0 || document.querySelector('.st-notice--error'), null, { timeout: 180000 });
  await page.waitForTimeout(300);
} else {
  await page.goto(`${server.url}#/?corpus=synth-${tag}.json`);
  await page.getByText(/^Loaded “/).waitFor({ timeout: 180000 });
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__long = []; });
  await startProfiler();
  if (action === 'zoom') {
    await page.getByRole('group', { name: 'Timeline of statements' }).focus();
    for (let i = 0; i < 4; i++) { await page.keyboard.press('+'); await page.waitForTimeout(200); }
    for (let i = 0; i < 4; i++) { await page.keyboard.press('ArrowRight'); await page.waitForTimeout(200); }
  } else {
    await page.locator('#st-search-input').focus();
    for (const ch of 'cyber') { await page.keyboard.type(ch); await page.waitForTimeout(300); }
  }
}
await page.waitForTimeout(300);
const { profile } = await cdp.send('Profiler.stop');
const long = await page.evaluate(() => window.__long);
const measures = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => `${m.name} ${m.duration.toFixed(1)} ms`));
fs.writeFileSync(`/tmp/stance-${action}-${tag}.cpuprofile`, JSON.stringify(profile));

// Self time per function name within [from, to) (ms, page time origin).
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const times = [];
let t = 0;
for (let i = 0; i < profile.samples.length; i++) { t += profile.timeDeltas[i]; times.push(offset + (t - (profile.timeDeltas[0] ?? 0)) / 1000); }
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? path.basename(n.callFrame.url) : ''}`.trim();
const summarize = (from, to) => {
  const self = new Map(), total = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    if (times[i] < from || times[i] >= to) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    let n = nodes.get(profile.samples[i]);
    self.set(label(n), (self.get(label(n)) || 0) + dt);
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const l = label(nodes.get(id));
      if (!seen.has(l)) { seen.add(l); total.set(l, (total.get(l) || 0) + dt); }
    }
  }
  const top = (m, k) => [...m].filter(([l]) => !/^\((root|program|idle)\)/.test(l)).sort((a, b) => b[1] - a[1]).slice(0, k).map(([l, d]) => `    ${d.toFixed(1).padStart(7)} ms  ${l}`).join('\n');
  return `  self:\n${top(self, 12)}\n  total (inclusive):\n${top(total, 25)}`;
};
const dom = await page.evaluate(() => ({ marks: document.querySelectorAll('.st-marks > g').length, events: document.querySelectorAll('.st-events__marks > g').length, svg: document.querySelectorAll('svg.st-chart *').length, all: document.querySelectorAll('*').length }));
console.log(`DOM: ${dom.marks} statement marks, ${dom.events} event marks, ${dom.svg} elements in the chart, ${dom.all} in the page`);
console.log(`measures: ${measures.join('; ')}`);
console.log(`${long.length} long tasks: ${long.map((l) => l.duration.toFixed(0)).join(', ')} ms`);
for (const l of long.sort((a, b) => b.duration - a.duration).slice(0, 6)) {
  console.log(`\ntask at ${l.start.toFixed(0)} ms, ${l.duration.toFixed(0)} ms`);
  console.log(summarize(l.start, l.start + l.duration));
}
await browser.close();
await server.close();
fs.rmSync(site, { recursive: true, force: true });
