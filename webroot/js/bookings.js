// A driver's bookings (templates/bookings.peb). Without JavaScript, "Cancel booking" posts a form and the page
// reloads. With it:
// - the cancel asks first (ChargeShare.cancelDialog, with an optional reason), goes to the JSON API with
//   {reason}, and the card moves to "Cancelled" in place;
// - the page follows its upcoming bookings' chargers on the page socket (ChargeShare.live): when a host cancels
//   one, the card moves to "Cancelled" and says who cancelled and why (the booking's cancelledBy and
//   cancelReason, read from GET /api/bookings/{id});
// - a hold that lapses or a booking nobody checked in to (a push of kind EXPIRED or NO_SHOW on its charger) moves
//   out of "Upcoming" the same way, saying so;
// - cards whose window has ended move to "Past" while the page is open.
// Cards carry data-booking (id), data-status, data-charger-id, data-start, data-end (ISO UTC) and data-what.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var root = document.querySelector('[data-driver-bookings]');
  if (!root) return;

  var NETWORK_ERROR = 'We could not reach the server. Check your connection and try again.';
  var GENERIC_ERROR = 'The booking could not be cancelled. Please try again.';
  var CANCELLED_BADGE = 'shrink-0 rounded-full px-2.5 py-1 text-xs font-bold uppercase tracking-wide bg-slate-200 text-slate-800';
  var SWEEP_MS = 30000;
  var watcher = null;

  function list(name) {
    return root.querySelector('[data-list="' + name + '"]');
  }

  function cards(name) {
    var ul = list(name);
    return ul ? Array.prototype.slice.call(ul.querySelectorAll('[data-booking]')) : [];
  }

  function card(id) {
    return root.querySelector('[data-booking="' + id + '"]');
  }

  function showEmptyStates() {
    ['upcoming', 'cancelled', 'past'].forEach(function (name) {
      var ul = list(name);
      var empty = root.querySelector('[data-empty="' + name + '"]');
      var has = ul && ul.querySelector('[data-booking]');
      if (ul) ul.hidden = !has;
      if (empty) empty.hidden = !!has;
    });
    var section = root.querySelector('[data-section="cancelled"]');
    if (section) section.hidden = cards('cancelled').length === 0;
  }

  function showError(message) {
    var box = document.querySelector('[data-form-error]');
    if (!box) return;
    box.textContent = message || '';
    box.classList.toggle('hidden', !message);
  }

  // "Cancelled by the host: “Power cut in the building”"
  function whoAndWhy(booking, byMe) {
    var by = booking && booking.cancelledBy;
    var text = by === 'HOST' ? 'Cancelled by the host' : by === 'DRIVER' || byMe ? 'Cancelled by you' : 'Cancelled';
    var reason = booking && booking.cancelReason;
    return reason ? text + ': “' + reason + '”' : text + '.';
  }

  // Moves a card into a list, keeping the list's order (upcoming and cancelled by start, past newest first).
  function move(node, name) {
    var ul = list(name);
    if (!ul || node.parentElement === ul) return;
    var start = Date.parse(node.dataset.start);
    var before = Array.prototype.find.call(ul.querySelectorAll('[data-booking]'), function (other) {
      var s = Date.parse(other.dataset.start);
      return name === 'past' ? s < start : s > start;
    });
    ul.insertBefore(node, before || null);
    showEmptyStates();
  }

  function markCancelled(node, booking, byMe) {
    node.dataset.status = 'CANCELLED';
    var badge = node.querySelector('[data-booking-status]');
    if (badge) {
      badge.textContent = 'Cancelled';
      badge.className = CANCELLED_BADGE;
    }
    var access = node.querySelector('[data-access-instructions]');
    if (access) access.remove();
    var form = node.querySelector('form[data-cancel-form]');
    if (form) form.remove();
    var note = node.querySelector('[data-cancel-note]');
    if (note) {
      note.textContent = whoAndWhy(booking, byMe);
      note.hidden = false;
    }
    move(node, Date.parse(node.dataset.end) <= Date.now() ? 'past' : 'cancelled');
  }

  function focusCard(node) {
    // the button that had focus is gone; keep keyboard users on this booking
    node.setAttribute('tabindex', '-1');
    node.focus();
  }

  function cancel(form) {
    var id = form.dataset.cancelForm;
    var node = form.closest('[data-booking]');
    return function (reason) {
      showError('');
      return cs.api('POST', '/api/bookings/' + encodeURIComponent(id) + '/cancel', reason ? { reason: reason } : undefined)
        .then(function (result) {
          if (result.status === 401) {
            window.location.assign('/login?next=' + encodeURIComponent('/bookings'));
            return null;
          }
          if (!result.ok) {
            var error = result.data && result.data.error;
            return (error && error.message) || GENERIC_ERROR;
          }
          var booking = (result.data && result.data.booking) || {};
          if (!booking.cancelledBy) booking = Object.assign({ cancelledBy: 'DRIVER', cancelReason: reason }, booking);
          markCancelled(node, booking, true);
          cs.announce('Booking cancelled.');
          return null;
        })
        .catch(function () { return NETWORK_ERROR; });
    };
  }

  function wire(form) {
    form.addEventListener('submit', function (event) {
      var node = form.closest('[data-booking]');
      var send = cancel(form);
      var asked = cs.cancelDialog && cs.cancelDialog.ask('Your booking at ' + node.dataset.what + '.', send, function () {
        focusCard(node);
      });
      if (asked) {
        event.preventDefault();
      }
      // without the dialog (an old browser) the form posts and the page reloads
    });
  }

  // A hold that lapsed or a booking nobody checked in to: its card moves out of "Upcoming" with what happened.
  var ENDED = { EXPIRED: 'Hold expired', NO_SHOW: 'No-show' };

  // A booking as the API now has it: a cancel made elsewhere (by the host, or in another tab) moves its card; so does
  // a hold's expiry or a no-show.
  function applyBooking(booking) {
    var node = card(booking.id);
    if (node && ENDED[booking.status] && node.dataset.status !== booking.status) {
      node.dataset.status = booking.status;
      var badge = node.querySelector('[data-booking-status]');
      if (badge) {
        badge.textContent = ENDED[booking.status];
        badge.className = CANCELLED_BADGE;
      }
      node.querySelectorAll('form, [data-access-instructions]').forEach(function (n) { n.remove(); });
      move(node, Date.parse(node.dataset.end) <= Date.now() ? 'past' : 'cancelled');
      cs.announce('Your booking at ' + node.dataset.what + ': ' + ENDED[booking.status].toLowerCase() + '.');
      follow();
      return;
    }
    if (!node || node.dataset.status === 'CANCELLED' || booking.status !== 'CANCELLED') return;
    markCancelled(node, booking, false);
    cs.announce('Your booking at ' + node.dataset.what + ' was ' + whoAndWhy(booking, false).charAt(0).toLowerCase()
      + whoAndWhy(booking, false).slice(1));
    follow();
  }

  function reread(id) {
    cs.api('GET', '/api/bookings/' + encodeURIComponent(id)).then(function (r) {
      if (r.ok && r.data && r.data.booking) applyBooking(r.data.booking);
    }).catch(function () { /* the next push or reconnection tries again */ });
  }

  function rereadAll() {
    var ids = cards('upcoming').map(function (node) { return node.dataset.booking; });
    ids.forEach(reread);
  }

  // A push freed some slots of a charger: the upcoming bookings it overlaps may have been cancelled.
  function onSlots(msg) {
    var freed = (msg.changes || []).filter(function (c) { return c.status !== 'BOOKED'; });
    var ending = msg.kind === 'CANCELLED' || msg.kind === 'EXPIRED' || msg.kind === 'NO_SHOW';
    if (!freed.length && !ending) return;
    cards('upcoming').forEach(function (node) {
      if (Number(node.dataset.chargerId) !== msg.chargerId) return;
      var s = Date.parse(node.dataset.start);
      var e = Date.parse(node.dataset.end);
      var hit = ending || freed.some(function (c) { return Date.parse(c.start) < e && s < Date.parse(c.end); });
      if (hit) reread(node.dataset.booking);
    });
  }

  // Watches the chargers of the upcoming bookings; fewer once some are cancelled or over.
  function follow() {
    var ids = [];
    cards('upcoming').forEach(function (node) {
      var id = Number(node.dataset.chargerId);
      if (ids.indexOf(id) < 0) ids.push(id);
    });
    if (!cs.live) return;
    if (watcher) {
      watcher.update({ chargerIds: ids });
    } else if (ids.length) {
      watcher = cs.live.watch({ chargerIds: ids }, {
        onSlots: onSlots,
        onResync: function (info) {
          if (info.reason !== 'subscribed') rereadAll();
        }
      });
    }
  }

  // Windows that have ended leave "Upcoming" (and "Cancelled") while the page stays open.
  function sweep() {
    var now = Date.now();
    var moved = false;
    cards('upcoming').concat(cards('cancelled')).forEach(function (node) {
      if (Date.parse(node.dataset.end) <= now) {
        var badge = node.querySelector('[data-booking-status]');
        if (badge && node.dataset.status !== 'CANCELLED') badge.textContent = 'Done';
        var form = node.querySelector('form[data-cancel-form]');
        if (form) form.remove();
        move(node, 'past');
        moved = true;
      }
    });
    if (moved) follow();
  }

  // Cancelled cards drawn by the server say who cancelled and why once the API has told us.
  function explainCancelled() {
    cards('cancelled').forEach(function (node) {
      var note = node.querySelector('[data-cancel-note]');
      if (!note || note.textContent.trim()) return;
      cs.api('GET', '/api/bookings/' + encodeURIComponent(node.dataset.booking)).then(function (r) {
        if (!r.ok || !r.data || !r.data.booking) return;
        note.textContent = whoAndWhy(r.data.booking, false);
        note.hidden = false;
      }).catch(function () { /* the card still says Cancelled */ });
    });
  }

  function init() {
    document.querySelectorAll('form[data-cancel-form]').forEach(wire);
    explainCancelled();
    showEmptyStates();
    follow();
    setInterval(sweep, SWEEP_MS);
  }

  cs.bookings = { sweep: sweep, applyBooking: applyBooking };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
