// The host dashboard (templates/host.peb): charts of utilization and earnings (horizontal bars, one labelled row
// per charger however many there are), live refresh, and the demand heatmap's charger choice.
// The page works without this script: every action is a form post. With it, the dashboard subscribes to
// its chargers on the live-availability socket and, when a booking, cancellation, block or status change
// arrives, re-reads /host and swaps in the sections marked data-live-region. A booking's Cancel asks first
// (ChargeShare.cancelDialog, with an optional reason for the driver) and goes to the JSON API with {reason}.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var root = document.querySelector('[data-host-dashboard]');
  if (!root) return;

  var COLORS = ['#047857', '#0369a1', '#b45309'];
  var REFRESH_DELAY_MS = 250;
  // each charger gets a band this tall (its three period bars), so no label is ever skipped
  var BAND_PX = 30;
  var AXES_PX = 70;

  var chargerIds = (root.dataset.chargerIds || '').split(',').filter(Boolean).map(Number);
  var charts = [];
  var refreshTimer = null;
  var refreshing = false;
  var refreshAgain = false;

  // ---- charts (Chart.js from the WebJar; the table under them has the same figures) ----

  function drawCharts() {
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    var section = document.getElementById('stats');
    if (!section || !window.Chart) return;
    var data;
    try {
      data = JSON.parse(section.dataset.chart || '{}');
    } catch (ignored) {
      return;
    }
    if (!data.labels || !data.labels.length || !data.series) return;
    var wrap = section.querySelector('[data-charts]');
    if (wrap) wrap.hidden = false;
    section.querySelectorAll('canvas[data-chart-kind]').forEach(function (canvas) {
      var kind = canvas.dataset.chartKind;
      var unit = kind === 'utilization' ? '%' : (data.currency || '');
      var box = canvas.closest('[data-chart-box]');
      if (box) box.style.height = Math.max(256, AXES_PX + BAND_PX * data.labels.length) + 'px';
      var datasets = data.series.map(function (series, i) {
        return { label: series.label, data: series[kind], backgroundColor: COLORS[i % COLORS.length] };
      });
      charts.push(new window.Chart(canvas, {
        type: 'bar',
        data: { labels: data.labels, datasets: datasets },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { beginAtZero: true, position: 'top', title: { display: unit !== '', text: unit } },
            y: { ticks: { autoSkip: false } }
          },
          plugins: { legend: { position: 'bottom' } }
        }
      }));
    });
  }

  // ---- live refresh ----

  function sameContent(a, b) {
    return a.outerHTML === b.outerHTML;
  }

  function swap(doc) {
    var active = document.activeElement;
    var activeId = active && active.id;
    var lostFocus = false;
    var changed = false;
    document.querySelectorAll('[data-live-region]').forEach(function (region) {
      if (!region.id) return;
      var fresh = doc.getElementById(region.id);
      if (!fresh || sameContent(region, fresh)) return;
      if (active && region.contains(active)) lostFocus = true;
      // what the host opened stays open
      var open = [];
      region.querySelectorAll('details[id][open]').forEach(function (d) { open.push(d.id); });
      var copy = document.importNode(fresh, true);
      open.forEach(function (id) {
        var d = copy.querySelector('#' + CSS.escape(id));
        if (d) d.open = true;
      });
      region.replaceWith(copy);
      changed = true;
    });
    if (lostFocus) {
      var target = (activeId && document.getElementById(activeId)) || document.getElementById('main');
      if (target) target.focus();
    }
    if (changed) {
      drawCharts();
      cs.announce('Bookings updated.');
    }
  }

  function refresh() {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    // the page itself answers with Cache-Control: no-store, so this read is never served from a cache; the query
    // keeps the pages of chargers and bookings and the heatmap's charger the host is looking at
    cs.api('GET', window.location.pathname + window.location.search, undefined, { headers: { 'Accept': 'text/html' } })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        swap(new DOMParser().parseFromString(r.text, 'text/html'));
      })
      .catch(function () { /* the next change or reconnect tries again */ })
      .then(function () {
        refreshing = false;
        if (refreshAgain) {
          refreshAgain = false;
          refresh();
        }
      });
  }

  // Several pushes in a burst (a booking and its charger update) cost one re-read.
  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, REFRESH_DELAY_MS);
  }

  // The shared page socket (live.js) drives the header indicator and reconnects; a resync after a reconnect or a
  // missed seq means pushes may have been lost, so the dashboard re-reads itself then too.
  function watchChargers() {
    if (!chargerIds.length) return;
    cs.live.watch({ chargerIds: chargerIds }, {
      onSlots: scheduleRefresh,
      onCharger: scheduleRefresh,
      onResync: function (info) {
        if (info.reason !== 'subscribed') scheduleRefresh();
      }
    });
  }

  // ---- cancels: asked first, with a reason; the agenda is a live region, so listen on the whole dashboard ----

  function wireCancels() {
    root.addEventListener('submit', function (event) {
      var form = event.target.closest('form[data-cancel-form]');
      if (!form || !cs.cancelDialog) return;
      var id = form.dataset.cancelForm;
      var asked = cs.cancelDialog.ask(form.dataset.what + '.', function (reason) {
        return cs.api('POST', '/api/bookings/' + encodeURIComponent(id) + '/cancel', reason ? { reason: reason } : undefined)
          .then(function (r) {
            if (r.status === 401) {
              window.location.assign('/login?next=' + encodeURIComponent('/host'));
              return null;
            }
            if (!r.ok) return (r.data && r.data.error && r.data.error.message) || 'The booking could not be cancelled. Please try again.';
            cs.announce('Booking cancelled; the driver is told.');
            refresh();
            return null;
          })
          .catch(function () { return 'We could not reach the server. Check your connection and try again.'; });
      }, function () {
        var agenda = document.getElementById('agenda-heading');
        if (agenda) {
          agenda.setAttribute('tabindex', '-1');
          agenda.focus();
        }
      });
      if (asked) event.preventDefault();
    });
  }

  // ---- the heatmap's charger: shown as soon as it is chosen (without the script, the Show button submits) ----

  function wireDemandChoice() {
    root.addEventListener('change', function (event) {
      if (!event.target.matches('#demand-charger')) return;
      var form = event.target.form;
      if (form) form.requestSubmit();
    });
  }

  function init() {
    drawCharts();
    watchChargers();
    wireCancels();
    wireDemandChoice();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
