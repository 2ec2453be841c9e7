// Screenshots for a person to look at: node e2e/shoot.mjs [FRAGMENT ...]
// Takes each fragment wide/light and narrow/dark from the release build in dist/.
import { launch, openPage, appReady, screenshot } from './harness.mjs';

const fragments = process.argv.slice(2);
const env = await launch({ prefix: '/stance/' });
try {
  for (const [i, frag] of (fragments.length ? fragments : ['#/']).entries()) {
    for (const [mode, viewport, colorScheme] of [['wide-light', { width: 1280, height: 800 }, 'light'], ['narrow-dark', { width: 390, height: 844 }, 'dark']]) {
      const { page, problems } = await openPage(env.context, env.site.url + frag, { viewport, colorScheme });
      await appReady(page);
      await page.waitForTimeout(300);
      if (process.env.VIEWPORT_ONLY) { await page.screenshot({ path: `e2e/screenshots/shot-${i}-${mode}.png` }); } else { await screenshot(page, `shot-${i}-${mode}`); }
      if (problems.length) console.log(frag, mode, problems);
      await page.close();
    }
  }
} finally {
  await env.close();
}
