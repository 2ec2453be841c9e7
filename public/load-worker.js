// The corpus-load worker (a module worker started by the page when a corpus is loaded;
// see src/worker.rs). It runs the app's own wasm, already in the browser's cache, and
// builds the corpus off the page's main thread. Messages in: { origin, input } where
// input is a File, the JSON text as UTF-8 bytes (a Uint8Array), or the JSON text. Messages out: see `ToPage` in src/worker.rs.
import init, { stance_load_worker } from './stance-app.js';

const ready = init({ module_or_path: new URL('./stance-app_bg.wasm', import.meta.url) });

self.onmessage = async (event) => {
  const { origin, input } = event.data;
  const post = (message, transfer) => self.postMessage(message, transfer || []);
  try {
    post({ type: 'progress', progress: { stage: 'read', done: 0, total: 1 } });
    // The UTF-8 bytes go to the wasm as they are (it checks them): no 13 MB JS string.
    let bytes;
    if (typeof input === 'string') bytes = new TextEncoder().encode(input);
    else if (input instanceof Uint8Array) bytes = input;
    else bytes = new Uint8Array(await input.arrayBuffer());
    await ready;
    await stance_load_worker(origin, bytes, post);
  } catch (err) {
    post({ type: 'failed', problems: [`${origin}: the corpus could not be built (${err && err.message ? err.message : err}). Check it with \`stance check\`.`] });
  }
};
