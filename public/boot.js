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

init({ module_or_path: new URL('./stance-app_bg.wasm', import.meta.url) }).catch((err) => {
  console.error('Stance failed to start:', err);
  showFatal(String(err && err.message ? err.message : err));
});
