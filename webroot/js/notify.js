// The header's notification bell, live: a logged-in page keeps the live socket open (live.js) and hears the user's
// own notifications ({type: 'notification', id, kind, bookingId, title, body, createdAt}); each raises the bell's
// count, is announced to screen readers and shown briefly, and on /notifications joins the top of the list.
// On /notifications the "Mark read" buttons work in place (the forms still work without JavaScript).
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var bell = document.getElementById('notification-bell');
  if (!bell || !cs || !cs.live) return;
  var count = bell.querySelector('[data-bell-count]');
  var words = bell.querySelector('[data-bell-words]');
  var unread = parseInt(bell.dataset.unread, 10) || 0;

  function show(n) {
    unread = Math.max(0, n);
    bell.dataset.unread = String(unread);
    var text = unread >= 100 ? '99+' : String(unread);
    count.textContent = text;
    count.hidden = unread === 0;
    words.textContent = text + ' unread';
  }

  var toast = null;
  var toastTimer = null;
  function pop(title) {
    if (!toast) {
      toast = cs.el('div', 'fixed bottom-4 right-4 z-50 max-w-sm rounded-lg border border-emerald-300 bg-white px-4 py-3 text-sm text-slate-900 shadow-lg');
      toast.setAttribute('role', 'status');
      toast.dataset.notificationToast = '';
      document.body.appendChild(toast);
    }
    toast.textContent = title;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, 8000);
  }

  var list = document.querySelector('[data-notifications] [data-list]');

  function item(msg) {
    var li = cs.el('li', 'rounded-lg border border-emerald-300 bg-white p-4 shadow-sm');
    li.dataset.notification = String(msg.id);
    li.dataset.kind = msg.kind;
    li.dataset.unread = 'true';
    var row = cs.el('div', 'flex flex-wrap items-start justify-between gap-3');
    var text = cs.el('div', 'min-w-0 flex-1');
    text.appendChild(cs.el('p', 'break-words font-semibold text-slate-900', msg.title));
    text.appendChild(cs.el('p', 'mt-1 break-words text-sm text-slate-700', msg.body));
    var when = cs.el('p', 'mt-1 text-xs text-slate-500');
    var time = cs.el('time', null, new Date(msg.createdAt).toLocaleString());
    time.setAttribute('datetime', msg.createdAt);
    when.appendChild(time);
    text.appendChild(when);
    row.appendChild(text);
    var form = cs.el('form', 'm-0');
    form.method = 'post';
    form.action = '/notifications/' + encodeURIComponent(msg.id) + '/read';
    form.dataset.markRead = '';
    form.appendChild(cs.el('button', 'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50', 'Mark read'));
    row.appendChild(form);
    li.appendChild(row);
    return li;
  }

  function arrived(msg) {
    show(unread + 1);
    cs.announce('New notification: ' + msg.title);
    pop(msg.title);
    if (list) {
      if (list.querySelector('[data-notification="' + msg.id + '"]')) return;
      list.insertBefore(item(msg), list.firstChild);
      var empty = document.querySelector('[data-notifications] [data-empty]');
      if (empty) empty.hidden = true;
      var all = document.querySelector('[data-read-all]');
      if (all) all.hidden = false;
    }
  }

  if (list) {
    list.addEventListener('submit', function (event) {
      var form = event.target.closest('[data-mark-read]');
      if (!form) return;
      event.preventDefault();
      var li = form.closest('[data-notification]');
      cs.api('POST', '/api/notifications/' + encodeURIComponent(li.dataset.notification) + '/read').then(function (r) {
        if (!r.ok) {
          form.submit();
          return;
        }
        li.dataset.unread = 'false';
        li.classList.remove('border-emerald-300');
        li.classList.add('border-slate-200');
        form.remove();
        show(unread - 1);
        cs.announce('Marked read');
      }).catch(function () { form.submit(); });
    });
  }

  if (!document.querySelector('[data-live-announcer]')) {
    var announcer = cs.el('p', 'sr-only');
    announcer.setAttribute('aria-live', 'polite');
    announcer.dataset.liveAnnouncer = '';
    document.body.appendChild(announcer);
  }

  cs.live.watch(null, { onNotification: arrived });
})();
