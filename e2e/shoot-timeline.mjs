// Screenshots of the timeline for a person to look at, wide and narrow, light and dark,
// at "fit all" and after zoom and pan steps (KEYS, default "+ + + ArrowRight ArrowRight":
// a pan step moves the marks' layer, a zoom step the marks; both must look as before):
//   node e2e/shoot-timeline.mjs OUTDIR PREFIX [FRAGMENT]   (STANCE_DIST=... for another build)
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, appReady } from './harness.mjs';

const [out = 'e2e/screenshots', prefix = 'timeline', frag = '#/?q=dialogue&sel='] = process.argv.slice(2);
const keys = (process.env.KEYS ?? '+ + + ArrowRight ArrowRight').split(' ').filter(Boolean);
fs.mkdirSync(out, { recursive: true });
const env = await launch({ prefix: '/stance/' });
try {
  for (const [mode, viewport, colorScheme] of [
    ['wide-light', { width: 1280, height: 800 }, 'light'],
    ['wide-dark', { width: 1280, height: 800 }, 'dark'],
    ['narrow-light', { width: 390, height: 844 }, 'light'],
    ['narrow-dark', { width: 390, height: 844 }, 'dark'],
  ]) {
    const { page, problems } = await openPage(env.context, env.site.url + frag, { viewport, colorScheme });
    await appReady(page);
    await page.waitForTimeout(300);
    const chart = page.locator('.st-timeline__chart');
    await chart.screenshot({ path: path.join(out, `${prefix}-${mode}.png`) });
    await page.getByRole('group', { name: 'Timeline of statements' }).focus();
    for (const k of keys) { await page.keyboard.press(k); await page.waitForTimeout(150); }
    await page.waitForTimeout(300);
    await chart.screenshot({ path: path.join(out, `${prefix}-${mode}-moved.png`) });
    if (problems.length) console.log(mode, problems);
    await page.close();
  }
} finally {
  await env.close();
}
