// Loads the Stance app (wasm-bindgen output) without an inline script, so the page can
// keep a strict Content Security Policy. If start-up fails, shows an error instead of a
// blank page.
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

init({ module_or_path: new URL('./stance-app_bg.wasm', import.meta.url) }).catch((err) => {
  console.error('Stance failed to start:', err);
  showFatal(String(err && err.message ? err.message : err));
});
