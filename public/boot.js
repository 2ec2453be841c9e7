// Loads the Stance app (wasm-bindgen output) without an inline script, so the page can
// keep a strict Content Security Policy. If start-up fails, shows an error instead of a
// blank page.
//
// An async module (index.html): it runs as soon as it and the glue have arrived, without
// waiting for the stylesheets, and starts compiling the wasm at once (its download began
// with the page: a preload in index.html), so fetching and compiling overlap the
// stylesheets and the rest of the page. The app starts once the page is parsed (it
// mounts into <body>); the browser draws nothing before the stylesheets are in, so the
// explorer is never seen unstyled. While the wasm downloads, the boot box's progress
// bar shows how much has arrived (when the server says how much will: no
// Content-Encoding), then runs without a value while the app starts.
import init from './stance-app.js';

function showFatal(message) {
  const boot = document.getElementById('stance-boot');
  const box = boot || document.body.appendChild(document.createElement('div'));
  box.className = 'boot boot--error';
  box.setAttribute('role', 'alert');
  box.replaceChildren();
  const title = document.createElement('p');
  title.className = 'boot__title';
  title.textContent = 'Stance could not start.';
  const detail = document.createElement('p');
  detail.className = 'boot__message';
  detail.textContent = message;
  const hint = document.createElement('p');
  hint.className = 'boot__message';
  hint.textContent = 'Reload the page; if it keeps failing, use a current browser with WebAssembly enabled.';
  box.append(title, detail, hint);
}

window.__stanceFatal = showFatal;

// The release wasm aborts at once on a panic (scripts/env.sh, release_build): the panic
// hook of src/fatal.rs does not run, and the panic reaches the page as a trap, a
// WebAssembly.RuntimeError thrown from whatever called into the wasm (an event handler, a
// timer, a promise). The app cannot go on after one: show the error view.
function onTrap(err) {
  if (typeof WebAssembly === 'object' && err instanceof WebAssembly.RuntimeError) {
    console.error('Stance stopped:', err);
    showFatal(`Internal error (${err.message}).`);
  }
}
window.addEventListener('error', (event) => onTrap(event.error));
window.addEventListener('unhandledrejection', (event) => onTrap(event.reason));

/** Resolves once the page is parsed: the app mounts into <body>. */
const parsed = new Promise((resolve) => {
  if (document.readyState !== 'loading') resolve();
  else document.addEventListener('readystatechange', () => resolve(), { once: true });
});

// The progress bar (in index.html; looked up each time: this script may run before the
// parser has reached it). Shown once the page is parsed.
const bar = () => document.getElementById('stance-boot-progress');
parsed.then(() => { const b = bar(); if (b) b.hidden = false; });

/** The response with a body that moves the progress bar as it is read. */
function withProgress(response) {
  const size = Number(response.headers.get('content-length'));
  const counts = response.body && !response.headers.get('content-encoding') && size > 0;
  if (!counts) return response;
  let done = 0;
  const show = (value) => {
    const b = bar();
    if (!b) return;
    b.max = size;
    if (value === null) b.removeAttribute('value'); // Starting: no measure of how far.
    else b.value = value;
  };
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(controller) {
      const { done: end, value } = await reader.read();
      if (end) {
        show(null);
        controller.close();
        return;
      }
      done += value.byteLength;
      show(done);
      controller.enqueue(value);
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The compiled wasm: compiled as it streams in, or from its bytes where the server does
 *  not send it as application/wasm (as the glue's own loader does). */
async function compile() {
  const response = await fetch(new URL('./stance-app_bg.wasm', import.meta.url));
  if (!response.ok) throw new Error(`failed to fetch Wasm: ${response.status} ${response.statusText} fetching '${response.url}'`);
  const tracked = withProgress(response);
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\s*(;|$)/i.test(tracked.headers.get('content-type') || '')) {
    return WebAssembly.compileStreaming(tracked);
  }
  return WebAssembly.compile(await tracked.arrayBuffer());
}

Promise.all([compile(), parsed])
  .then(([module]) => init({ module_or_path: module }))
  .catch(async (err) => {
    console.error('Stance failed to start:', err);
    await parsed; // The error view goes into the page's boot box.
    showFatal(String(err && err.message ? err.message : err));
  });
