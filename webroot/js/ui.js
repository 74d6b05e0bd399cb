// Shared by every page: dismissable flash notices, the live-connection indicator in the header, and
// ChargeShare.api(method, url, body, headers) for same-origin JSON calls answering {status, ok, data}.
// Loaded by layout.peb; no inline scripts (CSP script-src 'self').
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

  // Same-origin JSON call; the session cookie authenticates and the Origin header passes the CSRF check.
  function api(method, url, body, headers) {
    var h = { 'Accept': 'application/json' };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (ignored) { data = null; }
        return { status: response.status, ok: response.ok, data: data };
      });
    });
  }

  window.ChargeShare = window.ChargeShare || {};
  window.ChargeShare.setLive = setLive;
  window.ChargeShare.api = api;

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wireFlash);
  } else {
    wireFlash();
  }
})();
