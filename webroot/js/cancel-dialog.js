// The "cancel this booking?" dialog (templates/partials/cancel-dialog.peb), shared by the driver's bookings
// page and the host dashboard:
//   ChargeShare.cancelDialog.ask(what, send) opens it with `what` (the booking in words) and, when the user
//   confirms, calls send(reason) (reason: trimmed text or null) which returns a promise of an error message (a
//   string keeps the dialog open and shows it) or of nothing (done: the dialog closes, then after() runs, if given).
// Escape or "Keep the booking" closes it and nothing is sent. Focus returns to the button that opened it.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var MAX_REASON = 500;

  function ask(what, send, after) {
    var dialog = document.getElementById('cancel-dialog');
    if (!dialog || typeof dialog.showModal !== 'function') return false;
    var opener = document.activeElement;
    var reason = dialog.querySelector('#cancel-reason');
    var error = dialog.querySelector('#cancel-dialog-error');
    var confirm = dialog.querySelector('#cancel-dialog-confirm');
    dialog.querySelector('#cancel-dialog-what').textContent = what;
    reason.value = '';
    error.hidden = true;
    confirm.disabled = false;

    function onSubmit(event) {
      var choice = event.submitter && event.submitter.value;
      if (choice !== 'cancel') return;
      event.preventDefault();
      var text = reason.value.trim();
      if (Array.from(text).length > MAX_REASON) {
        error.textContent = 'The reason can be at most ' + MAX_REASON + ' characters.';
        error.hidden = false;
        return;
      }
      confirm.disabled = true;
      confirm.setAttribute('aria-busy', 'true');
      Promise.resolve(send(text || null)).then(function (problem) {
        confirm.disabled = false;
        confirm.removeAttribute('aria-busy');
        if (problem) {
          error.textContent = problem;
          error.hidden = false;
          return;
        }
        dialog.close('done');
        if (typeof after === 'function') after();
      });
    }

    function onClose() {
      dialog.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onClose);
      if (opener && document.contains(opener) && typeof opener.focus === 'function') opener.focus();
    }

    dialog.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    reason.focus();
    return true;
  }

  cs.cancelDialog = { ask: ask };
})();
