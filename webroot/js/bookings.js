// A driver's bookings (templates/bookings.peb). Without JavaScript, "Cancel booking" posts a form and
// the page reloads; with it, the cancel goes to the JSON API and the card changes in place.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var NETWORK_ERROR = 'We could not reach the server. Check your connection and try again.';
  var GENERIC_ERROR = 'The booking could not be cancelled. Please try again.';
  var CANCELLED_BADGE = 'shrink-0 rounded-full px-2.5 py-1 text-xs font-bold uppercase tracking-wide bg-slate-200 text-slate-800';

  function showError(message) {
    var box = document.querySelector('[data-form-error]');
    if (!box) return;
    box.textContent = message || '';
    box.classList.toggle('hidden', !message);
  }

  function markCancelled(card) {
    card.dataset.status = 'CANCELLED';
    var badge = card.querySelector('[data-booking-status]');
    if (badge) {
      badge.textContent = 'Cancelled';
      badge.className = CANCELLED_BADGE;
    }
    var access = card.querySelector('[data-access-instructions]');
    if (access) access.remove();
    var form = card.querySelector('form[data-cancel-form]');
    if (form) form.remove();
    // the button that had focus is gone; keep keyboard users on this booking
    card.setAttribute('tabindex', '-1');
    card.focus();
  }

  function wire(form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var id = form.dataset.cancelForm;
      var button = form.querySelector('button');
      showError('');
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      cs.api('POST', '/api/bookings/' + encodeURIComponent(id) + '/cancel').then(function (result) {
        if (result.status === 401) {
          window.location.assign('/login?next=' + encodeURIComponent('/bookings'));
          return;
        }
        if (!result.ok) {
          var error = result.data && result.data.error;
          showError((error && error.message) || GENERIC_ERROR);
          button.disabled = false;
          button.removeAttribute('aria-busy');
          return;
        }
        markCancelled(form.closest('[data-booking]'));
        cs.announce('Booking cancelled.');
      }).catch(function () {
        showError(NETWORK_ERROR);
        button.disabled = false;
        button.removeAttribute('aria-busy');
      });
    });
  }

  function init() {
    document.querySelectorAll('form[data-cancel-form]').forEach(wire);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
