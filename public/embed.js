// Stance embed loader: puts a Stance view in any web page, sized to its content.
//
//   <script src="https://example.org/stance/embed.js" defer></script>
//   <stance-timeline src="https://example.org/stance/" view="timeline" q="cyber"
//                    height="auto"></stance-timeline>
//
// Attributes: src (the Stance site; default: where this script came from), view
// (timeline | positions | table | quote), q, sel, from, to, lanes, zoom, topic, actor,
// doc, theme (light | dark | auto), controls (search | none), height ("auto", the
// default, or pixels), title (the frame's accessible name).
// Events on the element: stance-ready, stance-select, stance-view, stance-refused
// (event.detail is the message). Methods: setQuery(q), select(id), setWindow(from, to),
// setTheme(theme). The protocol is documented in docs/embedding.md.
//
// No build step, no dependencies, nothing added to the host page but the element's own
// iframe: no global styles, no globals besides the custom element's name.
(() => {
  'use strict';
  const TAG = 'stance-timeline';
  const PROTOCOL = 1;
  const FORWARDED = ['q', 'sel', 'from', 'to', 'lanes', 'zoom', 'topic', 'actor', 'doc', 'theme', 'controls'];
  const VIEWS = ['timeline', 'positions', 'table', 'quote'];
  const FIXED_HEIGHT = 480;
  const MAX_HEIGHT = 20000;
  if (typeof window === 'undefined' || !window.customElements || window.customElements.get(TAG)) return;
  const scriptBase = document.currentScript && document.currentScript.src ? new URL('./', document.currentScript.src).href : null;
  let nextId = 1;

  class StanceTimeline extends HTMLElement {
    static get observedAttributes() {
      return ['q', 'theme', 'sel'];
    }

    connectedCallback() {
      if (this._frame) return;
      this._id = `stance-${nextId++}`;
      const base = this.getAttribute('src') || scriptBase;
      let site;
      try {
        site = new URL(base || '', document.baseURI);
      } catch (_) {
        site = null;
      }
      if (!site || !/^https?:$/.test(site.protocol)) {
        this.textContent = 'Stance: the src attribute must be the http(s) address of a Stance site.';
        return;
      }
      this._origin = site.origin;
      const view = VIEWS.includes(this.getAttribute('view')) ? this.getAttribute('view') : 'timeline';
      const params = new URLSearchParams();
      params.set('embed', '1');
      for (const name of FORWARDED) {
        const value = this.getAttribute(name);
        if (value !== null && value !== '') params.set(name, value);
      }
      params.set('eid', this._id);
      if (/^https?:$/.test(location.protocol)) params.set('host', location.origin);
      const frame = document.createElement('iframe');
      frame.src = `${site.href.split('#')[0]}#/${view}?${params.toString().replace(/\+/g, '%20')}`;
      frame.title = this.getAttribute('title') || (view === 'quote' ? 'Quote from Stance' : `Stance ${view}: statements and positions over time`);
      frame.loading = 'lazy';
      frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
      const height = this.getAttribute('height');
      this._auto = !height || height === 'auto';
      const fixed = Number.parseInt(height, 10);
      Object.assign(frame.style, { display: 'block', width: '100%', border: '0', height: `${this._auto || !(fixed > 0) ? FIXED_HEIGHT : Math.min(fixed, MAX_HEIGHT)}px` });
      if (!this.style.display) this.style.display = 'block';
      this._frame = frame;
      this._listener = (event) => this._receive(event);
      window.addEventListener('message', this._listener);
      this.replaceChildren(frame);
    }

    disconnectedCallback() {
      if (this._listener) window.removeEventListener('message', this._listener);
      this._listener = null;
      this._frame = null;
    }

    attributeChangedCallback(name, old, value) {
      if (!this._frame || old === value) return;
      if (name === 'q') this.setQuery(value || '');
      if (name === 'theme' && value) this.setTheme(value);
      if (name === 'sel') this.select(value || null);
    }

    _receive(event) {
      // Only this element's own frame, from the Stance site's origin, speaking the protocol.
      if (!this._frame || event.source !== this._frame.contentWindow || event.origin !== this._origin) return;
      const m = event.data;
      if (!m || typeof m !== 'object' || m.stance !== PROTOCOL || (m.embed !== undefined && m.embed !== this._id)) return;
      if (m.type === 'height' && this._auto && Number.isFinite(m.height) && m.height > 0) {
        this._frame.style.height = `${Math.min(Math.ceil(m.height), MAX_HEIGHT)}px`;
        return;
      }
      if (['ready', 'select', 'view', 'refused'].includes(m.type)) {
        this.dispatchEvent(new CustomEvent(`stance-${m.type}`, { detail: m, bubbles: true }));
      }
    }

    _send(message) {
      if (this._frame && this._frame.contentWindow) this._frame.contentWindow.postMessage({ stance: PROTOCOL, ...message }, this._origin);
    }

    setQuery(query) {
      this._send({ type: 'set-query', query: String(query) });
    }

    select(statement) {
      this._send({ type: 'select', statement: statement === null || statement === undefined ? null : String(statement) });
    }

    setWindow(from, to) {
      this._send({ type: 'set-window', from: from || null, to: to || null });
    }

    setTheme(theme) {
      this._send({ type: 'set-theme', theme: String(theme) });
    }
  }

  window.customElements.define(TAG, StanceTimeline);
})();
