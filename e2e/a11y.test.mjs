// Accessibility audit (axe-core) of every view, light and dark: no serious or critical
// violation. axe runs through page.evaluate, which the page's CSP does not block.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, appReady, ROOT } from './harness.mjs';

let env;
let axe;
before(async () => {
  axe = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  env = await launch({ prefix: '/stance/' });
});
after(async () => { await env?.close(); });

const VIEWS = [
  ['timeline', '#/'],
  ['timeline with a search and a selection', '#/?q=dialogue&lanes=speaker&sel=__FIRST__'],
  ['positions', '#/positions'],
  ['compare', '#/compare?cmp=krutskikh:bilateral-dialogue&cmp=lyukmanov:bilateral-dialogue'],
  ['table', '#/table?q=cyber'],
  ['documents', '#/reader'],
  ['reader', '#/reader?doc=newsweek-2022'],
];

async function audit(page) {
  await page.evaluate(axe);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
}

for (const colorScheme of ['light', 'dark']) {
  for (const [name, fragment] of VIEWS) {
    test(`${name} (${colorScheme}): no serious or critical axe violations`, async () => {
      let frag = fragment;
      if (frag.includes('__FIRST__')) {
        const { page } = await openPage(env.context, `${env.site.url}#/?q=dialogue`);
        await appReady(page);
        await page.getByRole('region', { name: 'Results' }).getByRole('button').first().click();
        frag = new URL(page.url()).hash;
        await page.close();
      }
      const { page, problems } = await openPage(env.context, env.site.url + frag, { colorScheme });
      await appReady(page);
      await page.waitForTimeout(200);
      assert.deepEqual(await audit(page), []);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}
