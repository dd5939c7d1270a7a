// videoclerk launcher. Embed with:
//   <script src="https://SERVER/widget.js" data-widget="WIDGET_KEY" async></script>
// Draws a button in the widget's brand colour; a click opens the call panel in an iframe
// served by SERVER. No cookies, no storage and no requests to anyone but SERVER.
(() => {
  'use strict';

  const script = document.currentScript;
  const key = script?.dataset.widget;
  if (!key) return;
  const server = new URL(script.src, location.href).origin;
  const lang = /^nl\b/i.test(navigator.language || '') ? 'nl' : 'en';
  // While the panel is open the launcher only hides it: the call goes on, and the panel's
  // own button ends it. So the launcher says Minimise, not Close.
  const TEXT = {
    en: { open: 'Video call', minimise: 'Minimise', minimiseLabel: 'Minimise the video call', frame: 'Video call' },
    nl: { open: 'Videobellen', minimise: 'Minimaliseren', minimiseLabel: 'Videobellen minimaliseren', frame: 'Videobellen' },
  }[lang];
  const CSS = `
    :host { all: initial; }
    .launcher {
      position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483000;
      font: 600 1rem/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      min-height: 3rem; padding: 0.75rem 1.25rem; border: 0; border-radius: 999px;
      background: var(--brand); color: var(--on-brand); cursor: pointer;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);
    }
    .launcher:focus-visible { outline: 3px solid #1a56db; outline-offset: 3px; }
    iframe {
      position: fixed; right: 1rem; bottom: 5rem; z-index: 2147483000;
      width: min(400px, calc(100vw - 2rem)); height: min(640px, calc(100vh - 6rem));
      border: 0; border-radius: 12px; background: #fff;
      box-shadow: 0 8px 30px rgba(0, 0, 0, 0.3);
    }
    iframe[hidden] { display: none; }
    @media (max-width: 30rem) {
      iframe { right: 0; bottom: 4.5rem; width: 100vw; height: calc(100vh - 4.5rem); border-radius: 0; }
    }
  `;

  function onBrand(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) > 0.4 ? '#111111' : '#ffffff';
  }

  // After the visitor accepts an offer, the shop's own page hears of it (docs/widget.md), once
  // per reference: `detail` is rebuilt field by field, so the page gets exactly the documented shape.
  const accepted = new Set();
  function offerAccepted(data) {
    if (!data || typeof data.reference !== 'string' || accepted.has(data.reference)) return;
    accepted.add(data.reference);
    const detail = {
      reference: data.reference,
      currency: String(data.currency),
      gross_minor: Number(data.gross_minor),
      lines: (Array.isArray(data.lines) ? data.lines : []).map((line) => ({
        sku: String(line.sku),
        options: Object.fromEntries(Object.entries(line.options || {}).map(([k, v]) => [k, String(v)])),
        quantity: Number(line.quantity),
        unit_minor: Number(line.unit_minor),
        gross_minor: Number(line.gross_minor),
      })),
    };
    document.dispatchEvent(new CustomEvent('videoclerk:offer-accepted', { detail }));
  }

  function draw(config) {
    const host = document.createElement('div');
    host.id = 'videoclerk-widget';
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'launcher';
    button.textContent = TEXT.open;
    button.setAttribute('aria-expanded', 'false');
    button.style.setProperty('--brand', config.brand_colour);
    button.style.setProperty('--on-brand', onBrand(config.brand_colour));
    let frame = null;

    function toggle(open) {
      if (!frame) {
        frame = document.createElement('iframe');
        const origin = encodeURIComponent(location.origin);
        frame.src = `${server}/w/${encodeURIComponent(key)}?embed=1&origin=${origin}`;
        frame.allow = 'camera; microphone; autoplay';
        frame.title = TEXT.frame;
        frame.referrerPolicy = 'no-referrer';
        root.append(frame);
      }
      frame.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? TEXT.minimise : TEXT.open;
      if (open) button.setAttribute('aria-label', TEXT.minimiseLabel);
      else button.removeAttribute('aria-label');
      if (open) frame.focus();
      else button.focus();
    }

    button.addEventListener('click', () => toggle(!frame || frame.hidden));
    window.addEventListener('message', (event) => {
      if (!frame || event.origin !== server || event.source !== frame.contentWindow) return;
      if (event.data?.type === 'videoclerk:minimise') toggle(false);
      if (event.data?.type === 'videoclerk:offer-accepted') offerAccepted(event.data.detail);
    });
    root.append(button);
    document.body.append(host);
  }

  // The brand colour comes from the server, which answers only pages on the widget's allowed
  // origins: elsewhere (or for an unknown key) no launcher appears. Elsewhere the server says
  // so in a problem document this page may read, and the site's developer learns it here.
  function refused(problem) {
    if (problem?.code !== 'origin_not_allowed') return;
    console.error(
      `videoclerk: this page's origin (${location.origin}) is not among the allowed origins of ` +
        `widget ${key}, so no video call button is shown. Add ${location.origin} to the ` +
        "widget's allowed origins (allowed_origins; 'Allowed sites' under Admin > Widgets in " +
        'the clerk app).',
    );
  }

  fetch(`${server}/w/${encodeURIComponent(key)}/config?lang=${lang}`, {
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  })
    .then(async (response) => {
      if (response.ok) draw(await response.json());
      else refused(await response.json().catch(() => null));
    })
    .catch(() => undefined);
})();
