// The charger page (templates/charger.peb): mini-map, slot grid for the chosen day in the charger's
// time zone, window selection and booking through POST /api/bookings, and the grid and status badge
// following live pushes for this charger (ChargeShare.live).
//
// #slot-grid carries data-charger-id, data-slot-minutes and data-time-zone; each slot element carries
// data-slot-start / data-slot-end (ISO UTC instants exactly as the API gives them) and data-status.
// ChargeShare.slots.apply(changes) takes pushed [{start, end, status}] and updates every slot lying inside
// a change; ChargeShare.slots.reload() re-reads the slots API.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var fmt = cs.format;
  var el = cs.el;
  var MAX_BOOKING_MINUTES = 8 * 60;
  var LABELS = { FREE: 'Free', BOOKED: 'Booked', BLOCKED: 'Blocked', CLOSED: 'Closed', PAST: 'Past' };

  var page = document.getElementById('charger-page');
  var grid = document.getElementById('slot-grid');
  if (!page || !grid) return;

  var chargerId = Number(grid.dataset.chargerId);
  var slotMinutes = Number(grid.dataset.slotMinutes);
  var zone = grid.dataset.timeZone;
  var currency = page.dataset.currency;
  var pricePerHour = Number(page.dataset.pricePerHourMinor);
  var isDriver = page.dataset.role === 'DRIVER';

  var dayPicker = document.getElementById('day-picker');
  var statusLine = document.getElementById('slot-status');
  var durationSelect = document.getElementById('duration');
  var flexSelect = document.getElementById('flex');
  var bookButton = document.getElementById('book-button');
  var selectionLine = document.getElementById('selection');
  var resultBox = document.getElementById('booking-result');

  var slots = [];
  var selStart = null;
  var selEnd = null;
  var waitingForEnd = false;
  var loading = null;

  function miniMap() {
    var box = document.getElementById('mini-map');
    if (!box || !window.L) return;
    var at = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lng)];
    var m = L.map(box, { center: at, zoom: 15, scrollWheelZoom: false });
    L.tileLayer(box.dataset.tileUrl, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(m);
    L.marker(at, {
      icon: L.divIcon({ className: 'cs-marker cs-marker--pin', html: '<span aria-hidden="true"></span>', iconSize: [22, 22], iconAnchor: [11, 11] }),
      keyboard: false
    }).addTo(m);
  }

  function minutesText(minutes) {
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    return (h ? h + ' h' : '') + (h && m ? ' ' : '') + (m ? m + ' min' : '');
  }

  function fillDurations() {
    if (!durationSelect) return;
    var preferred = Math.max(1, Math.round(60 / slotMinutes));
    for (var n = 1; n * slotMinutes <= MAX_BOOKING_MINUTES; n++) {
      var opt = el('option', null, minutesText(n * slotMinutes));
      opt.value = String(n);
      if (n === preferred) opt.selected = true;
      durationSelect.appendChild(opt);
    }
  }

  function selectedDay() {
    return dayPicker.options[dayPicker.selectedIndex];
  }

  function slotLabel(slot) {
    return fmt.time(slot.start, zone) + ' to ' + fmt.time(slot.end, zone) + ', ' + LABELS[slot.status].toLowerCase();
  }

  function setStatusOf(node, status) {
    node.dataset.status = status;
    node.querySelector('.cs-slot__label').textContent = LABELS[status] || status;
    node.disabled = !(isDriver && status === 'FREE');
  }

  function render() {
    grid.replaceChildren();
    slots.forEach(function (slot, i) {
      var node = el('button', 'cs-slot');
      node.type = 'button';
      node.dataset.slotStart = slot.start;
      node.dataset.slotEnd = slot.end;
      node.dataset.index = String(i);
      node.appendChild(el('span', 'cs-slot__time', fmt.time(slot.start, zone)));
      node.appendChild(el('span', 'cs-slot__label', ''));
      setStatusOf(node, slot.status);
      node.setAttribute('aria-label', slotLabel(slot));
      node.setAttribute('aria-pressed', 'false');
      grid.appendChild(node);
    });
    showSelection();
  }

  function load() {
    var day = selectedDay();
    var url = '/api/chargers/' + chargerId + '/slots?from=' + encodeURIComponent(day.dataset.from)
      + '&to=' + encodeURIComponent(day.dataset.to);
    var token = {};
    loading = token;
    cs.announce('Loading slots…', statusLine);
    return cs.api('GET', url).then(function (r) {
      if (loading !== token) return;
      if (!r.ok) {
        cs.announce((r.data && r.data.error && r.data.error.message) || 'The slots could not be loaded.', statusLine);
        return;
      }
      slots = r.data.slots;
      var free = slots.filter(function (s) { return s.status === 'FREE'; }).length;
      cs.announce(free + ' of ' + slots.length + ' slots free on ' + day.textContent.trim() + ' (times in ' + zone + ').', statusLine);
      clearSelection();
      render();
      grid.dataset.loaded = 'true';
    }).catch(function () {
      cs.announce('We could not reach the server. Check your connection and choose the day again.', statusLine);
    });
  }

  function clearSelection() {
    selStart = null;
    selEnd = null;
    waitingForEnd = false;
  }

  function allFree(from, to) {
    for (var i = from; i <= to; i++) {
      if (!slots[i] || slots[i].status !== 'FREE') return false;
    }
    return true;
  }

  // Extends the window from its start as far as the slots stay free, up to the wanted end.
  function reachableEnd(start, wanted) {
    var end = start;
    var limit = start + MAX_BOOKING_MINUTES / slotMinutes - 1;
    while (end < wanted && end < limit && slots[end + 1] && slots[end + 1].status === 'FREE') end++;
    return end;
  }

  function choose(index, extend) {
    if (!isDriver || !slots[index] || slots[index].status !== 'FREE') return;
    hideResult();
    if (selStart !== null && (extend || waitingForEnd) && index >= selStart) {
      selEnd = reachableEnd(selStart, index);
      waitingForEnd = false;
      if (selEnd < index) {
        cs.announce('The window stops at the first slot that is not free (at most 8 hours).', statusLine);
      }
    } else {
      selStart = index;
      var n = durationSelect ? Number(durationSelect.value) : 1;
      selEnd = reachableEnd(index, index + n - 1);
      waitingForEnd = true;
    }
    showSelection();
  }

  function windowOf() {
    if (selStart === null) return null;
    return { start: slots[selStart].start, end: slots[selEnd].end };
  }

  function priceFor(minutes) {
    return Math.floor((pricePerHour * minutes + 30) / 60);
  }

  function showSelection() {
    grid.querySelectorAll('[data-slot-start]').forEach(function (node) {
      var i = Number(node.dataset.index);
      var on = selStart !== null && i >= selStart && i <= selEnd;
      node.dataset.selected = on ? 'true' : 'false';
      node.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
    if (!selectionLine) return;
    var w = windowOf();
    if (!w) {
      selectionLine.textContent = 'No window chosen yet.';
      bookButton.disabled = true;
      return;
    }
    var minutes = (Date.parse(w.end) - Date.parse(w.start)) / 60000;
    selectionLine.textContent = 'Chosen: ' + fmt.dayTime(w.start, zone) + '–' + fmt.time(w.end, zone) + ' (' + minutesText(minutes)
      + ') · ' + fmt.money(priceFor(minutes), currency) + (waitingForEnd ? '. Click a later free slot to make it longer.' : '.');
    bookButton.disabled = false;
  }

  function hideResult() {
    resultBox.hidden = true;
    resultBox.replaceChildren();
  }

  function showResult(kind, nodes) {
    var classes = {
      ok: 'space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900',
      warn: 'space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900',
      error: 'space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900'
    };
    resultBox.className = classes[kind];
    resultBox.replaceChildren.apply(resultBox, nodes);
    resultBox.hidden = false;
  }

  function randomKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  function book(target, flexMinutes) {
    bookButton.disabled = true;
    bookButton.setAttribute('aria-busy', 'true');
    var body = { chargerId: target.chargerId, start: target.start, end: target.end, flexMinutes: flexMinutes };
    // one key per attempt: a double click or a retried request books once
    return cs.api('POST', '/api/bookings', body, { headers: { 'Idempotency-Key': randomKey() } }).then(function (r) {
      bookButton.removeAttribute('aria-busy');
      if (r.status === 201) {
        confirmed(r.data);
      } else if (r.status === 409 && r.data && r.data.error && r.data.error.code === 'SLOT_TAKEN') {
        taken(r.data.error);
      } else if (r.status === 401) {
        var login = el('a', 'font-semibold underline', 'Log in again');
        login.href = '/login?next=' + encodeURIComponent('/chargers/' + chargerId);
        showResult('error', [el('p', null, 'Your session has ended. '), login]);
      } else {
        showResult('error', [el('p', null, (r.data && r.data.error && r.data.error.message) || 'The booking failed. Please try again.')]);
      }
      showSelection();
    }).catch(function () {
      bookButton.removeAttribute('aria-busy');
      showResult('error', [el('p', null, 'We could not reach the server, so nothing was booked. Check your connection and try again.')]);
      showSelection();
    });
  }

  function confirmed(data) {
    var b = data.booking;
    var nodes = [el('p', 'font-semibold', 'Booked! ' + fmt.dayTime(b.start, zone) + '–' + fmt.time(b.end, zone)
      + ' · ' + fmt.money(b.priceMinor, b.currency) + ' · booking #' + b.id)];
    nodes[0].id = 'booking-confirmation';
    if (data.rescheduled) {
      nodes.push(el('p', null, 'The time you asked for was taken, so we booked the closest free window instead.'));
    }
    if (b.chargerId !== chargerId) {
      var other = el('a', 'font-semibold underline', 'Open that charger\'s page');
      other.href = '/chargers/' + b.chargerId;
      nodes.push(el('p', null, 'This booking is on another charger nearby. '), other);
    }
    showResult('ok', nodes);
    clearSelection();
    load();
    refreshAccess();
  }

  function taken(error) {
    var alternatives = (error.details && error.details.alternatives) || [];
    var nodes = [el('p', 'font-semibold', 'That window was just taken.')];
    if (!alternatives.length) {
      nodes.push(el('p', null, 'No similar window is free nearby. Pick another time.'));
    } else {
      nodes.push(el('p', null, 'Book one of these instead:'));
      var ul = el('ul', 'flex flex-wrap gap-2');
      alternatives.forEach(function (alt) {
        var here = alt.chargerId === chargerId;
        var button = el('button', 'rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-semibold text-amber-900 hover:bg-amber-100',
          fmt.dayTime(alt.start, zone) + '–' + fmt.time(alt.end, zone) + (here ? ' here' : ' at charger #' + alt.chargerId));
        button.type = 'button';
        button.dataset.alternative = 'true';
        button.addEventListener('click', function () { book(alt, 0); });
        var li = el('li');
        li.appendChild(button);
        ul.appendChild(li);
      });
      nodes.push(ul);
    }
    showResult('warn', nodes);
    clearSelection();
    load();
  }

  // A driver who now holds a booking may see the access instructions; the API decides.
  function refreshAccess() {
    cs.api('GET', '/api/chargers/' + chargerId).then(function (r) {
      var text = r.ok && r.data.charger.accessInstructions;
      if (!text) return;
      document.getElementById('access-text').textContent = text;
      document.getElementById('access-box').hidden = false;
    });
  }

  /** Pushed slot changes: every slot whose [start, end) lies inside a change takes its status. */
  function apply(changes) {
    var touchedSelection = false;
    (changes || []).forEach(function (change) {
      var from = Date.parse(change.start);
      var to = Date.parse(change.end);
      grid.querySelectorAll('[data-slot-start]').forEach(function (node) {
        var s = Date.parse(node.dataset.slotStart);
        var e = Date.parse(node.dataset.slotEnd);
        if (from <= s && e <= to) {
          var i = Number(node.dataset.index);
          if (slots[i]) slots[i].status = change.status;
          setStatusOf(node, change.status);
          node.setAttribute('aria-label', slots[i] ? slotLabel(slots[i]) : change.status);
          if (selStart !== null && i >= selStart && i <= selEnd && change.status !== 'FREE') touchedSelection = true;
        }
      });
    });
    if (touchedSelection) {
      clearSelection();
      cs.announce('Part of your chosen window was just taken; please choose again.', statusLine);
    }
    showSelection();
  }

  grid.addEventListener('click', function (event) {
    var node = event.target.closest('[data-slot-start]');
    if (!node || node.disabled) return;
    choose(Number(node.dataset.index), event.shiftKey);
  });
  dayPicker.addEventListener('change', function () {
    hideResult();
    load();
  });
  if (durationSelect) {
    durationSelect.addEventListener('change', function () {
      if (selStart === null) return;
      selEnd = reachableEnd(selStart, selStart + Number(durationSelect.value) - 1);
      showSelection();
    });
  }
  if (bookButton) {
    bookButton.addEventListener('click', function () {
      var w = windowOf();
      if (!w || !allFree(selStart, selEnd)) return;
      hideResult();
      book({ chargerId: chargerId, start: w.start, end: w.end }, Number(flexSelect.value));
    });
  }

  // The badge beside the name, as charger.peb first draws it, for a pushed charger message.
  var BADGES = {
    offline: { classes: 'bg-slate-200 text-slate-800', text: 'Offline' },
    free: { classes: 'bg-emerald-100 text-emerald-900', text: 'Free now' },
    busy: { classes: 'bg-amber-100 text-amber-900', text: 'Busy now' }
  };

  function applyCharger(message) {
    var badge = document.getElementById('charger-state');
    if (!badge) return;
    var state = message.status === 'OFFLINE' ? 'offline' : message.availableNow ? 'free' : 'busy';
    var dot = el('span', 'cs-dot cs-dot--' + state);
    dot.setAttribute('aria-hidden', 'true');
    badge.className = 'inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-semibold ' + BADGES[state].classes;
    badge.replaceChildren(dot, document.createTextNode(BADGES[state].text));
    badge.dataset.state = state;
  }

  // Pushes that arrive while the grid is re-read are applied again on top of what the read returns.
  var buffered = null;

  // Re-reads the slots the grid shows and applies only those that differ, so a resync neither redraws the
  // grid nor drops the visitor's chosen window.
  function resync() {
    var cells = grid.querySelectorAll('[data-slot-start]');
    if (buffered || cells.length === 0) return;
    buffered = [];
    var url = '/api/chargers/' + chargerId + '/slots?from=' + encodeURIComponent(cells[0].dataset.slotStart)
      + '&to=' + encodeURIComponent(cells[cells.length - 1].dataset.slotEnd);
    cs.api('GET', url)
      .then(function (r) {
        if (r.ok && r.data && r.data.slots) {
          var shown = {};
          grid.querySelectorAll('[data-slot-start]').forEach(function (node) {
            shown[node.dataset.slotStart] = node.dataset.status;
          });
          var stale = r.data.slots.filter(function (s) {
            return shown[s.start] !== undefined && shown[s.start] !== s.status;
          });
          if (stale.length) apply(stale);
        }
      })
      .catch(function () { /* the next reconnection or gap tries again */ })
      .then(function () {
        var replay = buffered;
        buffered = null;
        replay.forEach(function (changes) { apply(changes); });
      });
  }

  function follow() {
    cs.live.watch({ chargerIds: [chargerId] }, {
      onSlots: function (msg) {
        if (msg.chargerId !== chargerId) return;
        apply(msg.changes);
        if (buffered) buffered.push(msg.changes);
      },
      onCharger: function (msg) {
        if (msg.chargerId === chargerId) applyCharger(msg);
      },
      onResync: resync
    });
  }

  fillDurations();
  miniMap();
  load();
  follow();

  cs.slots = { apply: apply, reload: load };
})();
