// Live availability in the browser: one WebSocket per page on /ws/availability, shared by every widget
// that watches something (a charger's slot grid in charger.js, the map's viewport in map.js, a host's own
// chargers in host.js).
//
//   var handle = ChargeShare.live.watch({chargerIds: [7]} | {bbox: [minLng, minLat, maxLng, maxLat]} | {mine: true},
//                                       {onSlots: fn(msg), onCharger: fn(msg), onResync: fn(info)});
//   handle.update(newWhat);  handle.close();
//   ChargeShare.live.watch(null, {onNotification: fn(msg)}) keeps a socket open for the logged-in user's own
//   messages ({type: 'notification', id, kind, bookingId, title, body, createdAt, readAt}) without following anything.
//
// Every slots/charger message goes to every listener; each keeps what concerns it. onResync({reason,
// chargerId}) tells a listener that the stream may not cover what it shows, so it should re-read it over
// HTTP: 'subscribed' (first acknowledgement: changes before it are not in the stream), 'reconnected' (after a
// lost connection or a server restart) or 'gap' (a charger's seq skipped: a push was missed). Reconnects with
// capped, jittered backoff and drives the header's live indicator. Loaded on every page by layout.peb; opens
// no socket until something watches.
(function () {
  'use strict';

  var PATH = '/ws/availability';
  var BACKOFF_MS = [500, 1000, 2000, 5000, 10000, 20000, 30000];
  var PING_EVERY_MS = 20000;
  // the server answers our ping at once and pings us itself; this much silence means a dead connection
  var SILENCE_MS = 45000;

  var cs = window.ChargeShare;
  var watches = new Set();
  var socket = null;
  var attempt = 0;
  var retryTimer = null;
  var pingTimer = null;
  var lastHeard = 0;
  var lastSeq = new Map();
  var requestIds = 0;

  function url() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + PATH;
  }

  function send(msg) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
  }

  function request(type, what) {
    var msg = { type: type, id: 'r' + (++requestIds) };
    if (what.chargerIds) msg.chargerIds = what.chargerIds;
    if (what.bbox) msg.bbox = what.bbox;
    if (what.mine) msg.mine = true;
    send(msg);
    return msg.id;
  }

  function isEmpty(what) {
    return !what || (!(what.chargerIds && what.chargerIds.length) && !what.bbox && !what.mine);
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (socket || watches.size === 0) return;
    cs.setLive('connecting');
    var ws;
    try {
      ws = new WebSocket(url());
    } catch (e) {
      retry();
      return;
    }
    socket = ws;
    ws.onopen = function () {
      attempt = 0;
      lastHeard = Date.now();
      lastSeq.clear();
      watches.forEach(subscribe);
      // a socket kept only for the user's own messages (notifications) is live once open: nothing to acknowledge
      if (Array.from(watches).every(function (w) { return isEmpty(w.what); })) cs.setLive('connected');
      pingTimer = setInterval(heartbeat, PING_EVERY_MS);
    };
    ws.onmessage = function (event) {
      lastHeard = Date.now();
      var msg;
      try {
        msg = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      receive(msg);
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      clearInterval(pingTimer);
      watches.forEach(function (w) {
        w.pending = null;
        if (w.acknowledged) w.lost = true;
      });
      retry();
    };
    // onerror is always followed by onclose, which does the work
    ws.onerror = function () {};
  }

  function retry() {
    if (watches.size === 0) {
      cs.setLive(null);
      return;
    }
    cs.setLive('offline');
    var base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
    attempt++;
    // jitter spreads the reconnections of many pages after a server restart
    retryTimer = setTimeout(connect, base / 2 + Math.random() * base);
  }

  function heartbeat() {
    if (!socket) return;
    if (Date.now() - lastHeard > SILENCE_MS) {
      var dead = socket;
      dead.onclose();
      dead.close();
      return;
    }
    send({ type: 'ping' });
  }

  function subscribe(w) {
    if (isEmpty(w.what)) return;
    w.pending = request('subscribe', w.what);
  }

  function receive(msg) {
    if (msg.type === 'subscribed') {
      // "Live" once updates flow: after an acknowledgement, not merely an open socket
      cs.setLive('connected');
      watches.forEach(function (w) {
        if (w.pending === msg.id) {
          w.pending = null;
          var reason = w.lost ? 'reconnected' : 'subscribed';
          w.acknowledged = true;
          w.lost = false;
          call(w, 'onResync', { reason: reason });
        }
      });
    } else if (msg.type === 'slots') {
      var previous = lastSeq.get(msg.chargerId);
      lastSeq.set(msg.chargerId, msg.seq);
      var missed = previous !== undefined && msg.seq > previous + 1;
      watches.forEach(function (w) {
        call(w, 'onSlots', msg);
        if (missed) call(w, 'onResync', { reason: 'gap', chargerId: msg.chargerId });
      });
    } else if (msg.type === 'charger') {
      watches.forEach(function (w) { call(w, 'onCharger', msg); });
    } else if (msg.type === 'notification') {
      watches.forEach(function (w) { call(w, 'onNotification', msg); });
    } else if (msg.type === 'error' && window.console) {
      console.warn('Live availability refused a request:', msg.code, msg.message);
    }
  }

  function call(w, name, arg) {
    var fn = w.listener[name];
    if (typeof fn !== 'function') return;
    try {
      fn(arg);
    } catch (e) {
      if (window.console) console.error(e);
    }
  }

  function watch(what, listener) {
    var w = { what: what, listener: listener || {}, pending: null, acknowledged: false, lost: false };
    watches.add(w);
    if (socket && socket.readyState === WebSocket.OPEN) {
      subscribe(w);
    } else {
      connect();
    }
    return {
      // subscribes the new shape before dropping the old one, so no change falls in between
      update: function (next) {
        var old = w.what;
        if (JSON.stringify(old) === JSON.stringify(next)) return;
        w.what = next;
        if (socket && socket.readyState === WebSocket.OPEN) {
          subscribe(w);
          if (!isEmpty(old)) request('unsubscribe', old);
        }
      },
      close: function () {
        watches.delete(w);
        if (!isEmpty(w.what)) request('unsubscribe', w.what);
        if (watches.size === 0 && socket) {
          var s = socket;
          socket = null;
          clearInterval(pingTimer);
          s.close(1000);
          cs.setLive(null);
        }
      }
    };
  }

  cs.live = { watch: watch };
})();
