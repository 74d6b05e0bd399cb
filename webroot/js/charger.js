// The charger page (templates/charger.peb): mini-map, slot grid for the chosen day in the charger's
// time zone, window selection and booking through POST /api/bookings, and the grid and status badge
// following live pushes for this charger (ChargeShare.live): slots, the status badge (nowStatus) and the price.
// Every booking sends the total shown as expectedPriceMinor; the refusals of API.md's "Fair booking" (PRICE_CHANGED,
// SLOT_TAKEN with alternatives, DRIVER_OVERLAP, BOOKING_LIMIT, RATE_LIMITED) are shown in #booking-result.
//
// #slot-grid carries data-charger-id, data-slot-minutes and data-time-zone; each slot element carries
// data-slot-start / data-slot-end (ISO UTC instants exactly as the API gives them) and data-status.
// ChargeShare.slots.apply(changes) takes pushed [{start, end, status}] and updates every slot lying inside
// a change; ChargeShare.slots.reload() re-reads the slots API; ChargeShare.slots.applyCharger(msg) takes a pushed
// charger message. While the charger is offline its free slots show as OFFLINE and cannot be chosen, whether or
// not the server already reports them so.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var fmt = cs.format;
  var el = cs.el;
  var MAX_BOOKING_MINUTES = 8 * 60;
  var LABELS = { FREE: 'Free', BOOKED: 'Booked', BLOCKED: 'Blocked', CLOSED: 'Closed', PAST: 'Past', OFFLINE: 'Offline' };

  var page = document.getElementById('charger-page');
  var grid = document.getElementById('slot-grid');
  if (!page || !grid) return;

  var chargerId = Number(grid.dataset.chargerId);
  var slotMinutes = Number(grid.dataset.slotMinutes);
  var zone = grid.dataset.timeZone;
  var currency = page.dataset.currency;
  var pricePerHour = Number(page.dataset.pricePerHourMinor);
  var online = page.dataset.online !== 'false';
  var isDriver = page.dataset.role === 'DRIVER';
  var chargerName = document.getElementById('charger-heading').textContent.trim();

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
  // the driver's own confirmed bookings on this charger: [{id, start, end}] as epoch milliseconds
  var mine = [];

  function miniMap() {
    var box = document.getElementById('mini-map');
    if (!box || !window.L) return;
    var at = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lng)];
    var m = L.map(box, { center: at, zoom: 15, scrollWheelZoom: false });
    var tiles = L.tileLayer(box.dataset.tileUrl, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(m);
    if (cs.places) cs.places.watchTiles(tiles, box, 'The pin shows where the charger is; the address is above.');
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

  // What a slot shows: a free slot of an offline charger is OFFLINE, as the API reports it once it knows.
  function shown(status) {
    return status === 'FREE' && !online ? 'OFFLINE' : status;
  }

  function isMine(slot) {
    var s = Date.parse(slot.start);
    var e = Date.parse(slot.end);
    return slot.status === 'BOOKED' && mine.some(function (b) { return b.start <= s && e <= b.end; });
  }

  function slotLabel(slot) {
    var text = isMine(slot) ? 'your booking' : (LABELS[shown(slot.status)] || slot.status).toLowerCase();
    return fmt.time(slot.start, zone) + ' to ' + fmt.time(slot.end, zone) + ', ' + text;
  }

  function setStatusOf(node, slot) {
    var status = shown(slot.status);
    var own = isMine(slot);
    node.dataset.status = status;
    node.dataset.mine = own ? 'true' : 'false';
    node.querySelector('.cs-slot__label').textContent = own ? 'Yours' : (LABELS[status] || status);
    node.disabled = !(isDriver && status === 'FREE');
    node.setAttribute('aria-label', slotLabel(slot));
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
      setStatusOf(node, slot);
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
    return Promise.all([cs.api('GET', url), loadMine(day.dataset.from, day.dataset.to)]).then(function (answers) {
      var r = answers[0];
      if (loading !== token) return;
      if (!r.ok) {
        cs.announce((r.data && r.data.error && r.data.error.message) || 'The slots could not be loaded.', statusLine);
        return;
      }
      slots = r.data.slots;
      var free = slots.filter(function (s) { return shown(s.status) === 'FREE'; }).length;
      cs.announce((online ? '' : 'This charger is offline. ') + free + ' of ' + slots.length + ' slots free on '
        + day.textContent.trim() + ' (times in ' + zone + ').', statusLine);
      clearSelection();
      render();
      grid.dataset.loaded = 'true';
    }).catch(function () {
      cs.announce('We could not reach the server. Check your connection and choose the day again.', statusLine);
    });
  }

  // The driver's own bookings of the day, so the grid can mark them as theirs.
  function loadMine(from, to) {
    if (!isDriver) return Promise.resolve();
    var url = '/api/bookings?as=DRIVER&chargerId=' + chargerId + '&status=CONFIRMED&from=' + encodeURIComponent(from)
      + '&to=' + encodeURIComponent(to);
    return cs.api('GET', url).then(function (r) {
      mine = r.ok && r.data && r.data.bookings ? r.data.bookings.map(function (b) {
        return { id: b.id, start: Date.parse(b.start), end: Date.parse(b.end) };
      }) : [];
    }).catch(function () { mine = []; });
  }

  function clearSelection() {
    selStart = null;
    selEnd = null;
    waitingForEnd = false;
  }

  function isFree(i) {
    return slots[i] && shown(slots[i].status) === 'FREE';
  }

  function allFree(from, to) {
    for (var i = from; i <= to; i++) {
      if (!isFree(i)) return false;
    }
    return true;
  }

  // Extends the window from its start as far as the slots stay free, up to the wanted end.
  function reachableEnd(start, wanted) {
    var end = start;
    var limit = start + MAX_BOOKING_MINUTES / slotMinutes - 1;
    while (end < wanted && end < limit && isFree(end + 1)) end++;
    return end;
  }

  function choose(index, extend) {
    if (!isDriver || !isFree(index)) return;
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
      + ') · ' + fmt.money(priceFor(minutes), currency) + (waitingForEnd ? '. Choose a later free slot to make it longer.' : '.');
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

  function minutesOf(w) {
    return (Date.parse(w.end) - Date.parse(w.start)) / 60000;
  }

  function link(text, href) {
    var a = el('a', 'font-semibold underline underline-offset-2', text);
    a.href = href;
    return a;
  }

  function button(text, kind, onClick) {
    var b = el('button', kind === 'primary'
      ? 'rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800'
      : 'rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-semibold text-amber-900 hover:bg-amber-100', text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  // target: {chargerId, start, end, name (the charger's), priceMinor (the total the driver was shown), currency}
  function book(target, flexMinutes) {
    bookButton.disabled = true;
    bookButton.setAttribute('aria-busy', 'true');
    var body = { chargerId: target.chargerId, start: target.start, end: target.end, flexMinutes: flexMinutes,
      expectedPriceMinor: target.priceMinor };
    // one key per attempt: a double click or a retried request books once
    return cs.api('POST', '/api/bookings', body, { headers: { 'Idempotency-Key': randomKey() } }).then(function (r) {
      bookButton.removeAttribute('aria-busy');
      var error = r.data && r.data.error;
      var code = error && error.code;
      if (r.status === 201 && r.data.payment) {
        held(r.data, target);
      } else if (r.status === 201) {
        confirmed(r.data, target);
      } else if (code === 'SLOT_TAKEN') {
        taken(error);
      } else if (code === 'PRICE_CHANGED') {
        priceChanged(error, target, flexMinutes);
      } else if (code === 'DRIVER_OVERLAP') {
        var own = error.details && error.details.bookingId;
        showResult('error', [el('p', 'font-semibold', 'You already have a booking at that time.'),
          el('p', null, 'One car charges in one place at a time. '),
          link(own ? 'See booking #' + own : 'See your bookings', '/bookings' + (own ? '#booking-' + own : ''))]);
      } else if (code === 'BOOKING_LIMIT') {
        var limit = error.details && error.details.limit;
        showResult('error', [el('p', 'font-semibold', 'You have reached the most upcoming bookings a driver may hold'
          + (limit ? ' (' + limit + ').' : '.')),
          el('p', null, 'Cancel one, or book again once one has ended. '), link('See your bookings', '/bookings')]);
      } else if (r.status === 429) {
        var wait = Number(r.headers && r.headers.get('Retry-After'));
        showResult('error', [el('p', 'font-semibold', 'Too many booking attempts in a short time.'),
          el('p', null, 'Nothing was booked. Please wait ' + (wait > 0 ? (wait === 1 ? '1 second' : wait + ' seconds') : 'a minute')
            + ' and try again.')]);
      } else if (r.status === 401) {
        showResult('error', [el('p', null, 'Your session has ended. '),
          link('Log in again', '/login?next=' + encodeURIComponent('/chargers/' + chargerId))]);
      } else {
        showResult('error', [el('p', null, (error && error.message) || 'The booking failed. Please try again.')]);
      }
      showSelection();
    }).catch(function () {
      bookButton.removeAttribute('aria-busy');
      showResult('error', [el('p', null, 'We could not reach the server, so nothing was booked. Check your connection and try again.')]);
      showSelection();
    });
  }

  function confirmed(data, target) {
    var b = data.booking;
    var elsewhere = b.chargerId !== chargerId;
    var name = elsewhere ? (target.name || 'charger #' + b.chargerId) : chargerName;
    var nodes = [el('p', 'font-semibold', 'Booked at ' + name + ': ' + fmt.dayTime(b.start, zone) + '–' + fmt.time(b.end, zone)
      + ' · ' + fmt.money(b.priceMinor, b.currency) + ' · booking #' + b.id)];
    nodes[0].id = 'booking-confirmation';
    if (data.rescheduled) {
      nodes.push(el('p', null, 'The time you asked for was taken, so we booked the closest free window instead.'));
    }
    if (elsewhere) {
      nodes.push(el('p', null, 'This booking is on another charger nearby. '), link('Open ' + name + '\'s page', '/chargers/' + b.chargerId));
    }
    showResult('ok', nodes);
    clearSelection();
    load();
    refreshAccess();
  }

  // Payments on: the booking is a hold (PENDING_PAYMENT) until holdExpiresAt. Razorpay Checkout (its script URL is
  // the server's setting) takes the payment and hands its ids and signature to the handler, which sends them to
  // POST /api/bookings/{id}/payment; the server confirms. Closing Checkout keeps the hold (with its countdown) and
  // offers to pay again or to release the slot at once.
  var holdTimer = null;

  function stopCountdown() {
    if (holdTimer) clearInterval(holdTimer);
    holdTimer = null;
  }

  function held(data, target) {
    var b = data.booking;
    var p = data.payment;
    var until = Date.parse(b.holdExpiresAt);
    var clock = el('span', 'font-semibold tabular-nums');
    clock.id = 'hold-countdown';
    function tick() {
      var left = Math.max(0, Math.round((until - Date.now()) / 1000));
      clock.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
      if (left === 0) {
        stopCountdown();
        showResult('error', [el('p', 'font-semibold', 'The hold has expired: nothing was booked or paid.'),
          el('p', null, 'The slot is free again; choose it again to book.')]);
        load();
      }
    }
    function line(text) {
      var node = el('p', null, text);
      node.appendChild(clock);
      node.appendChild(document.createTextNode(' left.'));
      return node;
    }
    function open() {
      if (typeof window.Razorpay !== 'function') {
        showResult('error', [el('p', null, 'The payment window could not be loaded. Check your connection; the slot stays held for you.'),
          line('Time '), button('Try again', 'primary', open)]);
        return;
      }
      showResult('warn', [el('p', 'font-semibold', 'Held for you: complete the payment of ' + fmt.money(p.amountMinor, p.currency)
        + ' to confirm booking #' + b.id + '.'), line('Time ')]);
      new window.Razorpay({
        key: p.keyId, order_id: p.orderId, amount: p.amountMinor, currency: p.currency, name: 'EV ChargeShare',
        description: chargerName + ', ' + fmt.dayTime(b.start, zone) + '–' + fmt.time(b.end, zone),
        handler: function (paid) { pay(b, paid, data, target); },
        modal: { ondismiss: dismissed }
      }).open();
    }
    function dismissed() {
      var node = el('p', 'font-semibold', 'Payment not completed.');
      node.id = 'payment-dismissed';
      var release = button('Release the slot', 'secondary', function () {
        stopCountdown();
        cs.api('POST', '/api/bookings/' + b.id + '/cancel', { reason: 'Payment not completed' }).then(function () {
          var done = el('p', null, 'Released: nothing was booked or paid.');
          done.id = 'hold-released';
          showResult('ok', [done]);
          load();
        });
      });
      release.id = 'release-hold';
      var again = button('Pay now', 'primary', open);
      again.id = 'pay-again';
      showResult('warn', [node, line('The slot stays held for you: '), again, release]);
    }
    stopCountdown();
    tick();
    holdTimer = setInterval(tick, 1000);
    open();
  }

  function pay(b, paid, data, target) {
    cs.api('POST', '/api/bookings/' + b.id + '/payment', { razorpayOrderId: paid.razorpay_order_id,
      razorpayPaymentId: paid.razorpay_payment_id, razorpaySignature: paid.razorpay_signature }).then(function (r) {
      stopCountdown();
      var booking = r.data && r.data.booking;
      if (r.status === 200 && booking && booking.status === 'CONFIRMED') {
        confirmed({ booking: booking, rescheduled: data.rescheduled }, target);
      } else if (r.status === 200) {
        showResult('error', [el('p', 'font-semibold', 'The hold ended before the payment arrived, so nothing was booked.'),
          el('p', null, 'The payment is refunded in full.')]);
        load();
      } else {
        showResult('error', [el('p', null, (r.data && r.data.error && r.data.error.message) || 'The payment could not be confirmed.')]);
      }
    }).catch(function () {
      showResult('error', [el('p', null, 'We could not reach the server to confirm the payment. If it went through, the booking is confirmed shortly; see your bookings.'),
        link('See your bookings', '/bookings')]);
    });
  }

  // The server would charge another total: say so, show the new total and ask again.
  function priceChanged(error, target, flexMinutes) {
    var details = error.details || {};
    var total = fmt.money(details.priceMinor, details.currency || target.currency);
    var again = Object.assign({}, target, { priceMinor: details.priceMinor, currency: details.currency || target.currency });
    var yes = button('Book at ' + total, 'primary', function () {
      hideResult();
      book(again, flexMinutes);
    });
    yes.id = 'confirm-new-price';
    showResult('warn', [el('p', 'font-semibold', 'The price has changed.'),
      el('p', null, 'This window now costs ' + total + ' (you were shown ' + fmt.money(target.priceMinor, target.currency)
        + '). Nothing was booked yet.'), yes]);
    yes.focus();
    refreshPrice();
  }

  function alternativeText(alt, here) {
    var price = typeof alt.priceMinor === 'number' ? ' · ' + fmt.money(alt.priceMinor, alt.currency || currency) : '';
    var where = here ? ' here' : ' at ' + (alt.name || 'charger #' + alt.chargerId)
      + (typeof alt.distanceKm === 'number' ? ' (' + alt.distanceKm.toFixed(1) + ' km away)' : '');
    return fmt.dayTime(alt.start, zone) + '–' + fmt.time(alt.end, zone) + where + price;
  }

  function targetOf(alt, here) {
    return { chargerId: alt.chargerId, start: alt.start, end: alt.end, name: here ? chargerName : alt.name,
      priceMinor: typeof alt.priceMinor === 'number' ? alt.priceMinor : here ? priceFor(minutesOf(alt)) : undefined,
      currency: alt.currency || currency };
  }

  // Booking a different charger is asked about first: it is somewhere else, perhaps at another price.
  function askOther(alt) {
    var target = targetOf(alt, false);
    var name = alt.name || 'charger #' + alt.chargerId;
    var yes = button('Yes, book at ' + name, 'primary', function () {
      hideResult();
      book(target, 0);
    });
    yes.id = 'confirm-alternative';
    var no = button('No, keep looking', 'secondary', function () {
      hideResult();
      cs.announce('Nothing was booked. Choose another slot.', statusLine);
    });
    var question = el('p', 'font-semibold', 'Book ' + name + ' instead?');
    question.id = 'alternative-question';
    showResult('warn', [question, el('p', null, alternativeText(alt, false) + '. That is a different charger from this one.'),
      (function () { var p = el('p', 'flex flex-wrap gap-2'); p.append(yes, no); return p; })()]);
    yes.focus();
  }

  function taken(error) {
    var alternatives = (error.details && error.details.alternatives) || [];
    var nodes = [el('p', 'font-semibold', 'That window was just taken.')];
    if (!alternatives.length) {
      nodes.push(el('p', null, 'No similar window is free nearby. Pick another time.'));
    } else {
      nodes.push(el('p', null, 'Free at the moment:'));
      var ul = el('ul', 'flex flex-col gap-2');
      alternatives.forEach(function (alt) {
        var here = alt.chargerId === chargerId;
        var b = button(alternativeText(alt, here), 'secondary', function () {
          if (here) {
            book(targetOf(alt, true), 0);
          } else {
            askOther(alt);
          }
        });
        b.className += ' text-left';
        b.dataset.alternative = here ? 'here' : 'elsewhere';
        var li = el('li');
        li.appendChild(b);
        ul.appendChild(li);
      });
      nodes.push(ul);
    }
    showResult('warn', nodes);
    clearSelection();
    load();
  }

  // The per-hour price as the page shows it, and the chosen window's total with it.
  function setPrice(minor, code) {
    if (minor === pricePerHour && (!code || code === currency)) return;
    pricePerHour = minor;
    if (code) currency = code;
    page.dataset.pricePerHourMinor = String(minor);
    var text = fmt.money(pricePerHour, currency);
    document.getElementById('price-per-hour').textContent = text + ' / hour';
    showSelection();
    cs.announce('The price is now ' + text + ' an hour.', statusLine);
  }

  function refreshPrice() {
    return cs.api('GET', '/api/chargers/' + chargerId).then(function (r) {
      if (r.ok && r.data && r.data.charger) setPrice(r.data.charger.pricePerHourMinor, r.data.charger.currency);
    }).catch(function () { /* the page keeps the price it shows; the server refuses a stale total anyway */ });
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
          if (!slots[i]) return;
          slots[i].status = change.status;
          setStatusOf(node, slots[i]);
          if (selStart !== null && i >= selStart && i <= selEnd && shown(change.status) !== 'FREE') touchedSelection = true;
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
      book({ chargerId: chargerId, start: w.start, end: w.end, name: chargerName, priceMinor: priceFor(minutesOf(w)),
        currency: currency }, Number(flexSelect.value));
    });
  }

  // The badge beside the name, as charger.peb first draws it, for a pushed charger message.
  var BADGES = {
    offline: { classes: 'bg-slate-200 text-slate-800', text: 'Offline' },
    free: { classes: 'bg-emerald-100 text-emerald-900', text: 'Free now' },
    busy: { classes: 'bg-amber-100 text-amber-900', text: 'Busy now' },
    closed: { classes: 'bg-slate-100 text-slate-800', text: 'Closed now' }
  };

  // A pushed charger message: status badge (its nowStatus when it carries one; a closed charger stays closed
  // until it frees up), offline slots, and a new price.
  function applyCharger(message) {
    var badge = document.getElementById('charger-state');
    var wasOnline = online;
    online = message.status !== 'OFFLINE';
    var state = message.nowStatus ? message.nowStatus.toLowerCase()
      : !online ? 'offline' : message.availableNow ? 'free' : badge && badge.dataset.state === 'closed' ? 'closed' : 'busy';
    if (badge && BADGES[state]) {
      var dot = el('span', 'cs-dot cs-dot--' + state);
      dot.setAttribute('aria-hidden', 'true');
      badge.className = 'inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-semibold ' + BADGES[state].classes;
      badge.replaceChildren(dot, document.createTextNode(BADGES[state].text));
      badge.dataset.state = state;
    }
    if (wasOnline !== online) {
      page.dataset.online = String(online);
      grid.querySelectorAll('[data-slot-start]').forEach(function (node) {
        var slot = slots[Number(node.dataset.index)];
        if (slot) setStatusOf(node, slot);
      });
      if (selStart !== null && !allFree(selStart, selEnd)) clearSelection();
      showSelection();
      cs.announce(online ? 'This charger is online again.' : 'This charger just went offline; its slots cannot be booked now.',
        statusLine);
    }
    if (typeof message.pricePerHourMinor === 'number') {
      setPrice(message.pricePerHourMinor, message.currency);
    } else if (message.kind === 'STATUS' || message.kind === 'PRICE') {
      refreshPrice();
    }
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

  cs.slots = { apply: apply, reload: load, applyCharger: applyCharger };
})();
