// Trunk post-build hook (Trunk.toml): puts the app's stylesheets into one file.
//
// index.html links one stylesheet per part of the screen (style/*.css), which Trunk
// copies as they are, each with its integrity hash. A browser fetches at most six files
// at a time from one HTTP/1.1 server, and stylesheets come first: a dozen of them pushed
// the app's own script a round of requests later, and the first paint with it. This
// joins them, in the order the page links them (so the cascade is the same), into
// `stance.css` with its own integrity hash, linked where the first one was.
//
// Only the links Trunk wrote (those with an integrity hash) are joined: boot.css stays
// apart (it is linked without one so that it also loads from a file:// address).
//
// Usage (Trunk sets TRUNK_STAGING_DIR): node scripts/merge-css.mjs [DIR]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('merge-css: no directory (run as a Trunk hook, or give the built folder)');
  process.exit(2);
}
const indexPath = path.join(dir, 'index.html');
const html = fs.readFileSync(indexPath, 'utf8');
const MERGED = 'stance.css';

const attr = (tag, name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1];
const links = [...html.matchAll(/<link\b[^>]*>/g)]
  .map((m) => ({ tag: m[0], at: m.index }))
  .filter(({ tag }) => attr(tag, 'rel') === 'stylesheet' && attr(tag, 'integrity') && attr(tag, 'href'));
if (links.length < 2) process.exit(0);

const files = links.map(({ tag }) => {
  const href = attr(tag, 'href');
  if (!/^(\.\/)?[\w.-]+\.css$/.test(href)) {
    console.error(`merge-css: unexpected stylesheet address ${href}`);
    process.exit(1);
  }
  return href.replace(/^\.\//, '');
});
if (files.includes(MERGED)) {
  console.error(`merge-css: ${MERGED} is already one of the stylesheets`);
  process.exit(1);
}
const css = files.map((f) => `/* ${f} */\n${fs.readFileSync(path.join(dir, f), 'utf8').replace(/\s*$/, '\n')}`).join('');
fs.writeFileSync(path.join(dir, MERGED), css);
const integrity = `sha384-${crypto.createHash('sha384').update(css).digest('base64')}`;
const prefix = attr(links[0].tag, 'href').startsWith('./') ? './' : '';

let out = '';
let from = 0;
links.forEach(({ tag, at }, i) => {
  out += html.slice(from, at);
  if (i === 0) out += `<link rel="stylesheet" href="${prefix}${MERGED}" integrity="${integrity}"/>`;
  from = at + tag.length;
  // Drop the line the removed link stood on.
  if (i > 0 && /^\s*$/.test(out.slice(out.lastIndexOf('\n') + 1)) && html[from] === '\n') {
    out = out.slice(0, out.lastIndexOf('\n'));
  }
});
out += html.slice(from);
fs.writeFileSync(indexPath, out);
for (const f of files) fs.rmSync(path.join(dir, f));
console.log(`merge-css: ${files.length} stylesheets into ${MERGED} (${css.length} bytes)`);
