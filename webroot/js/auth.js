// Progressive enhancement for the login and register forms (templates/login.peb,
// templates/register.peb). Without JavaScript the forms post to /login and /register;
// with it they call the JSON API and show errors in place, without a reload.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var NETWORK_ERROR = 'We could not reach the server. Check your connection and try again.';
  var GENERIC_ERROR = 'Something went wrong. Please try again.';

  // Only same-site paths: "next" comes from the query string and must not send people elsewhere.
  // "/" then neither "/" nor "\\", and no control characters, also once decoded: browsers drop tabs and
  // newlines from URLs, so "/\t/evil.example" would leave the site (the server checks the same: AccountPages).
  function samePath(path) {
    return typeof path === 'string' && path.charAt(0) === '/' && path.charAt(1) !== '/' &&
      path.indexOf('\\') < 0 && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(path);
  }

  function safeNext(next, fallback) {
    var decoded;
    try {
      decoded = decodeURIComponent(next);
    } catch (e) {
      return fallback;
    }
    return samePath(next) && samePath(decoded) ? next : fallback;
  }

  function errorOf(result) {
    var error = result.data && result.data.error;
    return {
      message: (error && error.message) || GENERIC_ERROR,
      fields: (error && error.details && error.details.fields) || {}
    };
  }

  function FormUi(form) {
    this.form = form;
    this.errorBox = form.querySelector('[data-form-error]');
    this.submit = form.querySelector('[data-submit]');
    this.submitLabel = this.submit ? this.submit.textContent : '';
  }

  FormUi.prototype.busy = function (isBusy) {
    if (!this.submit) return;
    this.submit.disabled = isBusy;
    this.submit.setAttribute('aria-busy', isBusy ? 'true' : 'false');
    this.submit.textContent = isBusy ? (this.submit.dataset.busyLabel || this.submitLabel) : this.submitLabel;
  };

  FormUi.prototype.showError = function (message) {
    if (!this.errorBox) return;
    this.errorBox.textContent = message || '';
    this.errorBox.classList.toggle('hidden', !message);
  };

  FormUi.prototype.showFieldErrors = function (fields) {
    var form = this.form;
    var firstInvalid = null;
    form.querySelectorAll('[data-field-error]').forEach(function (slot) {
      var name = slot.dataset.fieldError;
      var message = fields[name];
      slot.textContent = message || '';
      slot.hidden = !message;
      form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
        if (input.type === 'radio') return;
        if (message) {
          input.setAttribute('aria-invalid', 'true');
          if (!firstInvalid) firstInvalid = input;
        } else {
          input.removeAttribute('aria-invalid');
        }
      });
    });
    if (firstInvalid) firstInvalid.focus();
  };

  FormUi.prototype.clear = function () {
    this.showError('');
    this.showFieldErrors({});
  };

  FormUi.prototype.fail = function (result) {
    var error = errorOf(result);
    this.showFieldErrors(error.fields);
    this.showError(error.message);
    this.busy(false);
  };

  FormUi.prototype.offline = function () {
    this.showError(NETWORK_ERROR);
    this.busy(false);
  };

  function value(form, name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : '';
  }

  function login(email, password) {
    return cs.api('POST', '/api/auth/login', { email: email, password: password });
  }

  function wireLogin(form) {
    var ui = new FormUi(form);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      ui.clear();
      ui.busy(true);
      var next = safeNext(value(form, 'next') || form.dataset.next, null);
      login(value(form, 'email').trim(), value(form, 'password'))
        .then(function (result) {
          // The session cookie arrives with this response, so a plain navigation is logged in.
          if (result.status === 200) {
            // without a "next", each role starts at home: hosts on their dashboard (as the form post does)
            var role = result.data && result.data.user && result.data.user.role;
            window.location.assign(next || (role === 'HOST' ? '/host' : '/'));
          } else {
            ui.fail(result);
          }
        })
        .catch(function () { ui.offline(); });
    });
  }

  function wireRegister(form) {
    var ui = new FormUi(form);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      ui.clear();
      ui.busy(true);
      var checkedRole = form.querySelector('input[name="role"]:checked');
      var account = {
        name: value(form, 'name').trim(),
        email: value(form, 'email').trim(),
        password: value(form, 'password'),
        role: checkedRole ? checkedRole.value : 'DRIVER'
      };
      cs.api('POST', '/api/auth/register', account)
        .then(function (result) {
          if (result.status !== 201) {
            ui.fail(result);
            return null;
          }
          var role = (result.data && result.data.user && result.data.user.role) || account.role;
          return login(account.email, account.password).then(function (loginResult) {
            if (loginResult.status === 200) {
              window.location.assign(role === 'HOST' ? '/host' : '/');
            } else {
              // The account exists; let the person log in by hand.
              window.location.assign('/login?email=' + encodeURIComponent(account.email));
            }
          });
        })
        .catch(function () { ui.offline(); });
    });
  }

  function init() {
    document.querySelectorAll('form[data-auth-form="login"]').forEach(wireLogin);
    document.querySelectorAll('form[data-auth-form="register"]').forEach(wireRegister);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
