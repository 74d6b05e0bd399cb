// Shared by every page, and the start of the one window.ChargeShare namespace the other scripts add to:
//   ChargeShare.api(method, url, body, {headers, signal}) for every call to the server, answering
//     {status, ok, data (the JSON body, or null), text (the body as received), headers (Retry-After…)};
//   ChargeShare.announce(text, region) to tell screen-reader users something through a live region;
//   ChargeShare.setLive(state) for the live-connection indicator in the header;
//   ChargeShare.el(tag, className, text) to build an element whose text is never parsed as HTML;
// and dismissable flash notices. Loaded first by layout.peb; no inline scripts (CSP script-src 'self').
(function () {
  'use strict';

  var LIVE_STATES = {
    connected: { label: 'Live', dot: 'bg-lime-300' },
    connecting: { label: 'Connecting…', dot: 'bg-amber-300' },
    offline: { label: 'Offline', dot: 'bg-slate-300' }
  };

  // Page scripts call ChargeShare.setLive('connected' | 'connecting' | 'offline'),
  // or ChargeShare.setLive(null) to hide the indicator again.
  function setLive(state) {
    var el = document.getElementById('live-indicator');
    if (!el) return;
    var spec = state && LIVE_STATES[state];
    if (!spec) {
      el.hidden = true;
      return;
    }
    var dot = el.querySelector('[data-live-dot]');
    var label = el.querySelector('[data-live-label]');
    Object.keys(LIVE_STATES).forEach(function (key) {
      dot.classList.remove(LIVE_STATES[key].dot);
    });
    dot.classList.add(spec.dot);
    dot.classList.toggle('animate-pulse', state === 'connecting');
    label.textContent = spec.label;
    el.dataset.state = state;
    el.hidden = false;
  }

  function wireFlash() {
    document.querySelectorAll('[data-dismiss="flash"]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        var notice = button.closest('[data-flash]');
        if (notice) notice.remove();
        var main = document.getElementById('main');
        if (main) main.focus();
      });
    });
  }

  // A JSON call unless options.headers say otherwise. On our own server the session cookie authenticates and
  // the Origin header passes the CSRF check; options.signal lets a newer call abort an older one.
  function api(method, url, body, options) {
    var opts = options || {};
    var h = { 'Accept': 'application/json' };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    Object.keys(opts.headers || {}).forEach(function (k) { h[k] = opts.headers[k]; });
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: h,
      signal: opts.signal,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (ignored) { data = null; }
        return { status: response.status, ok: response.ok, data: data, text: text, headers: response.headers };
      });
    });
  }

  // Screen readers read out a live region's new text. Without a region, the page's own hidden announcer.
  function announce(text, region) {
    var target = region || document.querySelector('[data-live-announcer]');
    if (target) target.textContent = text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  window.ChargeShare = { api: api, announce: announce, setLive: setLive, el: el };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wireFlash);
  } else {
    wireFlash();
  }
})();
