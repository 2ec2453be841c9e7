// End-to-end: hostile input in the browser. A corpus with script payloads in every field
// shows them as text in every view and runs nothing; hostile links open the nearest
// view with a notice; a corrupt stored setting falls back to the default; a corpus from
// another site is asked about first and then marked as foreign; a 50 MB corpus and a
// server that never answers are stopped with a message; other schemes are refused; the
// built site opened from file:// says why it cannot start. (CSP violations fail any of
// these through the harness.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, appReady, ROOT, DIST } from './harness.mjs';
import { startServer } from './serve.mjs';
import { writeHostileCorpus, PAYLOADS } from './fixtures/hostile.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-hostile-'));
let env;
let foreign; // An HTTPS server on another port: another origin, allowed by connect-src https:.
const pack = (dir) => execFileSync('cargo', ['run', '-q', '-p', 'stance-cli', '--', 'pack', dir], { cwd: ROOT, maxBuffer: 64 << 20 }).toString();

/** A self-signed certificate for 127.0.0.1, or null when openssl is missing. */
function selfSigned() {
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(tmp, 'key.pem'), '-out', path.join(tmp, 'cert.pem')], { stdio: 'ignore' });
    return { key: fs.readFileSync(path.join(tmp, 'key.pem')), cert: fs.readFileSync(path.join(tmp, 'cert.pem')) };
  } catch {
    return null;
  }
}

before(async () => {
  writeHostileCorpus(path.join(tmp, 'hostile'));
  fs.writeFileSync(path.join(DIST, 'e2e-hostile.json'), pack(path.join(tmp, 'hostile')));
  const site = path.join(tmp, 'foreign');
  fs.mkdirSync(site);
  fs.writeFileSync(path.join(site, 'second.json'), pack(path.join(ROOT, 'core/tests/fixtures/second')));
  const tls = selfSigned();
  if (tls) foreign = await startServer(site, { tls, cors: true });
  env = await launch({ prefix: '/stance/', testRoutes: true, contextOptions: { ignoreHTTPSErrors: true } });
});
after(async () => {
  await env?.close();
  await foreign?.close();
  fs.rmSync(path.join(DIST, 'e2e-hostile.json'), { force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

const link = (params) => `${env.site.url}#/reader?${new URLSearchParams(params)}`;
const docTitles = (page) => page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
const notice = (page, re) => page.getByRole('status').filter({ hasText: re });

/** Nothing ran, and no element of a payload made it into the DOM. */
async function assertInert(page, where) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    elements: [...document.querySelectorAll('img[src="x"], [onerror], [onload], iframe, script:not([src]), body style, a[href^="javascript:" i], [srcdoc]')]
      .map((e) => e.outerHTML.slice(0, 80)),
  }));
  assert.equal(found.pwned, undefined, `${where}: a payload ran`);
  assert.deepEqual(found.elements, [], `${where}: payload elements in the DOM`);
}

/** Serious or critical axe-core violations inside the foreign-corpus boxes. */
async function foreignA11y(page) {
  await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const found = await page.evaluate(async () => {
    const result = await window.axe.run({ include: [['.st-foreign']] }, { resultTypes: ['violations'] });
    return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.help}`);
  });
  assert.deepEqual(found, []);
}

/** Goes to another view of the same page (the loaded corpus stays). */
async function show(page, fragment, ready) {
  await page.evaluate((f) => { window.location.hash = f; }, fragment);
  await ready.waitFor();
}

test('a hostile corpus shows every payload as text in every view, and nothing runs', async () => {
  const { page, problems } = await openPage(env.context, link({ corpus: 'e2e-hostile.json' }));
  await appReady(page);
  await page.getByText(/^Loaded “Title <img src=x onerror=/).waitFor();
  // The notice quotes the title too; dismiss it so each view's own text is checked.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  const shown = (label) => new RegExp(`${label} ${PAYLOADS[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} <svg onload=`);
  const views = [
    ['#/reader', page.getByRole('heading', { level: 2, name: /^Document title speech <img src=x/ }),
      ['Document title qa', 'Outlet qa', 'Interviewer', 'Actor name Ivan']],
    ['#/reader?doc=speech', page.getByText(/We want clear rules <img src=x onerror/).first(), ['We want clear rules', 'Rules matter']],
    ['#/reader?doc=qa', page.getByText(/Rules for everyone <img src=x onerror/).first(), ['Rules for everyone']],
    ['#/', page.getByRole('searchbox', { name: 'Search statements' }), ['Actor name Ivan', 'Document title speech']],
    ['#/table', page.getByRole('table'), ['Actor name Ivan', 'Topic label', 'We want clear rules']],
    ['#/positions', page.getByRole('heading', { level: 1, name: 'Positions' }), ['Topic description', 'Stance', 'Later stance']],
    ['#/compare?cmp=hostile:rules', page.getByRole('heading', { level: 1, name: 'Compare' }), ['Stance on Topic label', 'Later stance']],
  ];
  for (const [fragment, ready, labels] of views) {
    await show(page, fragment, ready);
    await assertInert(page, fragment);
    const text = await page.getByRole('main').innerText();
    for (const label of labels) assert.match(text, shown(label), `${fragment}: '${label}' and its payloads shown as text`);
  }
  await page.evaluate(() => { window.location.hash = '#/table'; });
  await page.getByRole('table').waitFor();
  const tableText = await page.getByRole('table').innerText();
  assert.ok(tableText.includes('\u202Egnp.exe\u202C bell\u0007 esc\u001b[31m'), 'RTL override and control characters kept as text');
  assert.ok(tableText.includes(`Longword${'x'.repeat(3000)}`), 'the long word is whole');
  // The table lists statements; opening one (the quotation, whose speaker is Ivan) shows
  // the panel with its speaker and topic.
  await show(page, '#/table', page.getByRole('table'));
  await page.getByRole('table').getByRole('row').filter({ hasText: 'We want clear rules' }).first().getByRole('button').click();
  const panel = page.getByRole('complementary');
  await panel.getByRole('heading', { level: 2 }).waitFor();
  const panelText = await panel.innerText();
  assert.match(panelText, /Actor name Ivan <img src=x onerror/);
  assert.ok(panelText.includes('<svg onload='), 'the SVG payload is text in the panel');
  await assertInert(page, 'statement panel');
  // Positions and topics show their hostile labels as text, the RTL override intact.
  await show(page, '#/positions', page.getByRole('heading', { level: 1, name: 'Positions' }));
  const positions = await page.locator('main').innerText();
  assert.match(positions, /Topic label <img src=x/);
  assert.ok(positions.includes('\u202Egnp.exe\u202C'), 'the right-to-left override is kept as text');
  await assertInert(page, 'positions');
  assert.deepEqual(problems, []);
});

test('hostile links open the nearest view with a notice and no console error', async () => {
  const links = [
    `#/${'x'.repeat(40000)}`,
    `#/table?q=${'%'.repeat(40)}%E0%A4%A&lanes=%ZZ`,
    '#/no-such-view?sel=<img src=x onerror=window.__pwned=1>',
    '#/reader?doc=no-such-document',
    '#/?sel=nope&zoom=1e308..NaN&from=99999999999&to=NaN&lanes=%00',
    '#/compare?cmp=a&cmp=b&cmp=c&cmp=:',
    `#/positions?topic=${'t'.repeat(20000)}&actor=NaN&corpus_timeout=-1`,
    // Every parameter long (corpus= is left to the fetch tests: a 404 is a console error).
    `#/table?${['q', 'lanes', 'from', 'to', 'zoom', 'sel', 'doc', 'cmp', 'topic', 'actor', 'view'].map((k) => `${k}=${'9'.repeat(1200)}`).join('&')}`,
  ];
  for (const fragment of links) {
    const { page, problems } = await openPage(env.context, `${env.site.url}${fragment}`);
    await appReady(page);
    await page.getByText('Part of this link could not be used; showing the nearest view.').waitFor();
    await page.getByRole('main').waitFor();
    await assertInert(page, fragment.slice(0, 60));
    assert.deepEqual(problems, [], fragment.slice(0, 60));
    await page.close();
  }
});

test('a corrupt stored setting is ignored and the default used', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  await page.evaluate(() => localStorage.setItem('stance.theme', '<img src=x onerror="window.__pwned=1">\u0000'.repeat(1000)));
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'Theme: system' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), null);
  await assertInert(page, 'corrupt theme');
  assert.deepEqual(problems, []);
});

/** The page still works: the documents are listed and another view opens. */
async function assertUsable(page) {
  assert.equal((await docTitles(page)).length, 3, 'the shipped corpus is still shown');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Table' }).click();
  await page.getByRole('table').waitFor();
}

test('a 50 MB corpus is refused on its Content-Length, before the download', async () => {
  const { page } = await openPage(env.context, link({ corpus: `${env.site.origin}/__e2e/big?length=1` }));
  await appReady(page);
  await notice(page, /the server says the file has 47 MB, more than the 32 MB a linked corpus may have/).waitFor();
  await assertUsable(page);
});

test('a 50 MB corpus without Content-Length is stopped while it streams', async () => {
  const { page } = await openPage(env.context, link({ corpus: `${env.site.origin}/__e2e/big` }));
  await appReady(page);
  await notice(page, /the download passed 32 MB, the most a linked corpus may have, and was stopped/).waitFor({ timeout: 60000 });
  await assertUsable(page);
});

test('a server that never answers times out with a message', async () => {
  const { page } = await openPage(env.context, link({ corpus: `${env.site.origin}/__e2e/hang`, corpus_timeout: '1500' }));
  await appReady(page);
  await notice(page, /no complete answer within 1\.5 seconds, so the download was stopped/).waitFor();
  await assertUsable(page);
});

test('a download in progress can be cancelled', async () => {
  const { page } = await openPage(env.context, link({ corpus: `${env.site.origin}/__e2e/hang` }));
  await appReady(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await notice(page, /the download was cancelled/).waitFor();
  assert.equal(await page.getByRole('status', { name: 'Corpus download' }).count(), 0);
  await assertUsable(page);
});

test('other schemes are refused with a clear message, and the link forgets them', async () => {
  for (const [address, scheme] of [
    ['javascript:window.__pwned=1', 'javascript'],
    ['data:application/json,{}', 'data'],
    ['file:///etc/passwd', 'file'],
    ['blob:http://127.0.0.1/0000', 'blob'],
    ['ftp://127.0.0.1/c.json', 'ftp'],
  ]) {
    const { page, problems } = await openPage(env.context, link({ corpus: address }));
    await appReady(page);
    await notice(page, new RegExp(`is a ${scheme}: address; a link can only load a corpus over http: or https:`)).waitFor();
    assert.doesNotMatch(page.url(), /corpus=/, 'the address is taken out of the URL');
    await assertInert(page, scheme);
    assert.deepEqual(problems, [], scheme);
    await page.close();
  }
});

test('a corpus from another site is asked about first; declining fetches nothing', async (t) => {
  if (!foreign) return t.skip('openssl is missing, so there is no HTTPS server for another origin');
  const address = `${foreign.url}second.json`;
  const { page, problems } = await openPage(env.context, link({ corpus: address }));
  const requested = [];
  page.on('request', (r) => { if (r.url().startsWith(foreign.origin)) requested.push(r.url()); });
  await appReady(page);
  const dialog = page.getByRole('alertdialog', { name: 'This link loads statements from 127.0.0.1, not from this site. Load them?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), new RegExp(`Full address: ${address.replace(/[.?]/g, '\\$&')}`));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Load', 'the question has the focus');
  await foreignA11y(page);
  await dialog.getByRole('button', { name: 'Keep the shipped corpus' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.doesNotMatch(page.url(), /corpus=/);
  assert.deepEqual(requested, [], 'nothing was fetched from the other site');
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'a reload does not ask again');
  assert.deepEqual(requested, []);
  assert.deepEqual(problems, []);
});

test('a foreign corpus, once agreed to, shows a banner naming its source until Back', async (t) => {
  if (!foreign) return t.skip('openssl is missing, so there is no HTTPS server for another origin');
  const address = `${foreign.url}second.json`;
  const { page, problems } = await openPage(env.context, link({ corpus: address }));
  await appReady(page);
  const shipped = await docTitles(page);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Load' }).click();
  await page.getByText(/^Loaded “Test corpus two” from https:\/\/127\.0\.0\.1/).waitFor();
  const banner = page.getByRole('region', { name: 'Where these statements come from' });
  await banner.getByText('These statements come from 127.0.0.1, not from this site.', { exact: true }).waitFor();
  assert.equal(await banner.getByRole('button', { name: /dismiss|close|hide/i }).count(), 0, 'the banner cannot be dismissed');
  await banner.getByText('Show the full address').click();
  await banner.getByText(address, { exact: true }).waitFor();
  await foreignA11y(page);
  // Moving between views keeps the banner.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Table' }).click();
  await banner.waitFor();
  const historyLength = await page.evaluate(() => history.length);
  await page.getByRole('button', { name: 'Back to the shipped corpus' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.doesNotMatch(page.url(), /corpus=/);
  assert.equal(await page.evaluate(() => history.length), historyLength, 'the address was replaced, not pushed');
  // Back reaches the entry recorded while the foreign corpus was shown (the timeline):
  // it is rewritten to name the corpus on screen, and nothing is fetched or asked.
  const fetched = [];
  page.on('request', (r) => { if (r.url().startsWith(foreign.origin)) fetched.push(r.url()); });
  await page.goBack();
  await page.waitForFunction(() => !/corpus=/.test(location.href));
  assert.doesNotMatch(page.url(), /corpus=/);
  assert.equal(await banner.count(), 0, 'the shipped corpus is still shown');
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.deepEqual(fetched, []);
  await page.reload();
  await appReady(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Documents' }).click();
  assert.deepEqual(await docTitles(page), shipped, 'a reload shows the shipped corpus');
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.deepEqual(problems, []);
});

test('a redirect to another site is said, and asked about as that site', async (t) => {
  if (!foreign) return t.skip('openssl is missing, so there is no HTTPS server for another origin');
  const target = `${foreign.url}second.json`;
  const { page, problems } = await openPage(env.context, link({ corpus: `${env.site.origin}/__e2e/redirect?to=${encodeURIComponent(target)}` }));
  await appReady(page);
  const dialog = page.getByRole('alertdialog', { name: /This link loads statements from 127\.0\.0\.1, not from this site/ });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /__e2e\/redirect\?to=.* was redirected to https:\/\/127\.0\.0\.1:\d+\/second\.json\./);
  await dialog.getByRole('button', { name: 'Load' }).click();
  await page.getByRole('region', { name: 'Where these statements come from' }).waitFor();
  await notice(page, /was redirected to https:\/\/127\.0\.0\.1:\d+\/second\.json/).waitFor();
  assert.deepEqual(problems, []);
});

test('dist/index.html opened from file:// says why it cannot start and what to do', async () => {
  const { page } = await openPage(env.context, pathToFileURL(path.join(DIST, 'index.html')).href);
  const alert = page.getByRole('alert');
  await alert.getByText('Stance cannot start from a file.').waitFor({ timeout: 5000 });
  const text = await alert.innerText();
  assert.match(text, /python3 -m http\.server/);
  assert.match(text, /one-file build, stance\.html/);
  assert.equal(await page.getByText('Loading Stance…').isVisible(), false);
});
