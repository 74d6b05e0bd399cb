// The map page (templates/index.peb): Leaflet with markers for the chargers in view, a filter panel
// and a list beside the map, all fed by GET /api/chargers?bbox=... . Markers are DOM elements
// (divIcon), so they show even when no tile can be loaded; then the map says so (ChargeShare.places.watchTiles).
// The view and the filters live in the URL (?lat=&lng=&zoom=&connectorType=&minPowerKw=&maxPrice=&freeFrom=&freeFor=),
// so a reload or a shared link opens the same search. The list says how far each charger is from the place
// searched for (address search, when the server has a geocoder), from you (Near me), or from the map's centre. The viewport follows live pushes
// (ChargeShare.live): ChargeShare.map.applyLive({type: 'charger', chargerId, status, availableNow, nowStatus?,
// pricePerHourMinor?, currency?})
// recolours one marker.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  var fmt = cs.format;
  var el = cs.el;
  var RELOAD_DELAY_MS = 250;
  // a push about a charger the map has no marker for waits this long, so a burst of them costs one re-read
  var LIVE_RELOAD_DELAY_MS = 1000;
  var MAX_RESULTS = 500;

  var container = document.getElementById('map');
  if (!container || !window.L) return;

  var statusLine = document.getElementById('map-status');
  var list = document.getElementById('charger-list');
  var listCount = document.getElementById('list-count');
  var filterForm = document.getElementById('filters');
  var distanceFrom = document.getElementById('distance-from');
  var places = cs.places;
  var FILTERS = ['connectorType', 'minPowerKw', 'maxPrice', 'freeFrom', 'freeFor'];

  var map = L.map(container, {
    center: [parseFloat(container.dataset.lat), parseFloat(container.dataset.lng)],
    zoom: parseInt(container.dataset.zoom, 10) || 12,
    keyboard: true
  });

  var osm = L.tileLayer(container.dataset.tileUrl, {
    attribution: container.dataset.attribution,
    maxZoom: 19
  }).addTo(map);
  places.watchTiles(osm, container, 'The street map cannot be shown now; the chargers, their markers and the list still work.');
  addGoogleLayer(container.dataset.googleKey, osm);

  // id → {marker, charger, item}
  var markers = new Map();
  var pending = null;
  var timer = null;
  var hereMarker = null;
  var viewportWatch = null;
  var liveReload = null;
  // where distances are measured from: {name, lat, lng, kind: 'place' | 'you'}; null: the map's centre
  var origin = null;
  var placeMarker = null;

  function say(text) {
    cs.announce(text, statusLine);
  }

  // Google's Map Tiles API needs a session token before it hands out tiles.
  function addGoogleLayer(key, base) {
    if (!key) return;
    cs.api('POST', 'https://tile.googleapis.com/v1/createSession?key=' + encodeURIComponent(key),
      { mapType: 'roadmap', language: 'en-IN', region: 'IN' })
      .then(function (r) {
        var session = r.ok && r.data;
        if (!session || !session.session) return;
        var google = L.tileLayer('https://tile.googleapis.com/v1/2dtiles/{z}/{x}/{y}?session='
          + encodeURIComponent(session.session) + '&key=' + encodeURIComponent(key), {
          attribution: 'Map data &copy; Google', maxZoom: 22
        });
        L.control.layers({ 'OpenStreetMap': base, 'Google Maps': google }).addTo(map);
      })
      .catch(function () { /* OpenStreetMap stays the only layer */ });
  }

  // The API's nowStatus (FREE, BUSY, CLOSED: outside opening hours now, OFFLINE); from status and availableNow
  // where an answer lacks it.
  function nowStatusOf(c) {
    if (c.status === 'OFFLINE') return 'OFFLINE';
    if (c.nowStatus) return c.nowStatus;
    return c.availableNow ? 'FREE' : 'BUSY';
  }

  function availabilityOf(c) {
    return nowStatusOf(c).toLowerCase();
  }

  function availabilityText(c) {
    var now = nowStatusOf(c);
    if (now === 'OFFLINE') return 'Offline';
    if (now === 'FREE') return 'Free now';
    var next = c.nextFreeAt ? ', next free ' + fmt.dayTime(c.nextFreeAt, c.timeZone) : '';
    return (now === 'CLOSED' ? 'Closed now' : 'Busy now') + next;
  }

  function icon(c) {
    var state = availabilityOf(c);
    return L.divIcon({
      className: 'cs-marker cs-marker--' + state,
      html: '<span aria-hidden="true"></span>',
      iconSize: [22, 22],
      iconAnchor: [11, 11],
      popupAnchor: [0, -10]
    });
  }

  function popup(c) {
    var box = el('div', 'cs-popup');
    box.appendChild(el('p', 'cs-popup__name', c.name));
    box.appendChild(el('p', null, fmt.power(c.powerKw) + ' · ' + fmt.connector(c.connectorType)));
    box.appendChild(el('p', null, fmt.money(c.pricePerHourMinor, c.currency) + ' / hour'));
    box.appendChild(el('p', null, ratingText(c)));
    box.appendChild(el('p', 'cs-popup__state cs-popup__state--' + availabilityOf(c), availabilityText(c)));
    var link = el('a', 'cs-popup__link', 'View slots and book');
    link.href = '/chargers/' + c.id;
    box.appendChild(link);
    return box;
  }

  // "★ 4.5 (12 reviews)" or "No reviews yet", from the search answer's rating {average, count}
  function ratingText(c) {
    var r = c.rating;
    if (!r || !r.count) return 'No reviews yet';
    return '★ ' + Number(r.average).toFixed(1) + ' (' + r.count + (r.count === 1 ? ' review)' : ' reviews)');
  }

  function listItem(c) {
    var li = el('li', 'px-4 py-3 hover:bg-slate-50');
    li.dataset.chargerId = c.id;
    var link = el('a', 'block font-semibold text-emerald-800 underline-offset-2 hover:underline', c.name);
    link.href = '/chargers/' + c.id;
    li.appendChild(link);
    var away = distance(c, reference());
    var far = el('p', 'text-xs font-medium text-slate-600', places.distance(away) + (origin ? ' from ' + (origin.kind === 'you' ? 'you' : origin.name) : ' from the map centre'));
    far.dataset.distanceM = String(Math.round(away));
    li.appendChild(far);
    li.appendChild(el('p', 'text-sm text-slate-700',
      fmt.power(c.powerKw) + ' · ' + fmt.connector(c.connectorType) + ' · ' + fmt.money(c.pricePerHourMinor, c.currency) + '/h'));
    var rating = el('p', 'text-sm text-slate-700', ratingText(c));
    rating.dataset.rating = c.rating && c.rating.count ? String(c.rating.average) : '';
    li.appendChild(rating);
    var state = el('p', 'mt-1 flex items-center gap-2 text-sm text-slate-700');
    state.appendChild(el('span', 'cs-dot cs-dot--' + availabilityOf(c)));
    state.appendChild(el('span', null, availabilityText(c)));
    li.appendChild(state);
    var show = el('button', 'mt-1 text-xs font-medium text-slate-600 underline underline-offset-2 hover:text-slate-900', 'Show on map');
    show.type = 'button';
    show.addEventListener('click', function () {
      var entry = markers.get(c.id);
      if (entry) entry.marker.openPopup();
      container.focus();
    });
    li.appendChild(show);
    return li;
  }

  function place(c) {
    var entry = markers.get(c.id);
    if (entry) {
      entry.charger = c;
      entry.marker.setLatLng([c.lat, c.lng]);
      restyle(entry);
      return entry;
    }
    var marker = L.marker([c.lat, c.lng], { icon: icon(c), title: c.name, alt: c.name, keyboard: true });
    marker.bindPopup(popup(c));
    marker.addTo(map);
    entry = { marker: marker, charger: c, item: null };
    markers.set(c.id, entry);
    tag(entry);
    return entry;
  }

  // Tests and the live layer find a charger's marker by these attributes.
  function tag(entry) {
    var node = entry.marker.getElement();
    if (!node) return;
    node.setAttribute('data-charger-id', String(entry.charger.id));
    node.setAttribute('data-availability', availabilityOf(entry.charger));
  }

  function restyle(entry) {
    var c = entry.charger;
    entry.marker.setIcon(icon(c));
    tag(entry);
    entry.marker.setPopupContent(popup(c));
    if (entry.item) {
      var fresh = listItem(c);
      entry.item.replaceWith(fresh);
      entry.item = fresh;
    }
  }

  function distance(c, centre) {
    return map.distance(centre, [c.lat, c.lng]);
  }

  function reference() {
    return origin ? L.latLng(origin.lat, origin.lng) : map.getCenter();
  }

  function renderList(chargers) {
    var centre = reference();
    distanceFrom.textContent = 'Nearest first, from ' + (origin ? (origin.kind === 'you' ? 'your location' : origin.name) : 'the map centre') + '.';
    var sorted = chargers.slice().sort(function (a, b) { return distance(a, centre) - distance(b, centre); });
    list.replaceChildren();
    sorted.forEach(function (c) {
      var entry = markers.get(c.id);
      entry.item = listItem(c);
      list.appendChild(entry.item);
    });
    listCount.textContent = '(' + chargers.length + ')';
    if (!chargers.length) {
      list.appendChild(el('li', 'px-4 py-6 text-sm text-slate-600', 'No chargers match here. Zoom out, move the map or clear the filters.'));
    }
  }

  function clampBox() {
    var b = map.getBounds();
    var clamp = function (v, lo, hi) { return Math.min(hi, Math.max(lo, v)); };
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map(function (v) { return Math.round(v * 1e6) / 1e6; });
  }

  function filterParams() {
    var p = new URLSearchParams();
    var data = new FormData(filterForm);
    if (data.get('connectorType')) p.set('connectorType', data.get('connectorType'));
    if (data.get('minPowerKw')) p.set('minPowerKw', data.get('minPowerKw'));
    var maxPrice = parseFloat(data.get('maxPrice'));
    if (!isNaN(maxPrice) && maxPrice >= 0) p.set('maxPricePerHourMinor', String(Math.round(maxPrice * 100)));
    var from = data.get('freeFrom');
    if (from) {
      var start = new Date(from);
      if (!isNaN(start.getTime())) {
        var minutes = parseInt(data.get('freeFor'), 10) || 60;
        p.set('availableFrom', start.toISOString().replace(/\.\d{3}Z$/, 'Z'));
        p.set('availableTo', new Date(start.getTime() + minutes * 60000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      }
    }
    return p;
  }

  function load() {
    var box = clampBox();
    var params = filterParams();
    params.set('bbox', box.join(','));
    params.set('limit', String(MAX_RESULTS));
    if (pending) pending.abort();
    var controller = new AbortController();
    pending = controller;
    say('Loading chargers…');
    cs.api('GET', '/api/chargers?' + params.toString(), undefined, { signal: controller.signal })
      .then(function (result) {
        if (pending !== controller) return;
        pending = null;
        if (!result.ok) {
          var msg = result.data && result.data.error ? result.data.error.message : 'The search failed.';
          say(msg);
          return;
        }
        show(result.data.chargers, box);
      })
      .catch(function (err) {
        if (err && err.name === 'AbortError') return;
        say('We could not reach the server. Check your connection; the map will retry when you move it.');
      });
  }

  function show(chargers, box) {
    var seen = new Set();
    chargers.forEach(function (c) {
      seen.add(c.id);
      place(c);
    });
    markers.forEach(function (entry, id) {
      if (!seen.has(id)) {
        map.removeLayer(entry.marker);
        markers.delete(id);
      }
    });
    renderList(chargers);
    var free = chargers.filter(function (c) { return availabilityOf(c) === 'free'; }).length;
    say(chargers.length === 0 ? 'No chargers in this area.'
      : chargers.length + (chargers.length === 1 ? ' charger' : ' chargers') + ' in view, ' + free + ' free now'
        + (chargers.length >= MAX_RESULTS ? ' (zoom in to see all)' : '') + '.');
    container.dataset.loaded = 'true';
    follow(box);
  }

  function reloadSoon() {
    if (liveReload) return;
    liveReload = setTimeout(function () {
      liveReload = null;
      load();
    }, LIVE_RELOAD_DELAY_MS);
  }

  // Watches the viewport whose markers were just read, so pushes keep them current.
  function follow(bbox) {
    if (viewportWatch) {
      viewportWatch.update({ bbox: bbox });
      return;
    }
    viewportWatch = cs.live.watch({ bbox: bbox }, {
      onCharger: function (msg) {
        // a charger the map has no marker for has just appeared in view: fetch the markers again
        if (!applyLive(msg)) reloadSoon();
      },
      onResync: function (info) {
        // the markers of this viewport have just been read; re-reading them on that first acknowledgement
        // would only repeat the read
        if (info.reason !== 'subscribed') reloadSoon();
      }
    });
  }

  function scheduleLoad() {
    clearTimeout(timer);
    timer = setTimeout(load, RELOAD_DELAY_MS);
  }

  // Keeps the URL shareable: ?lat=&lng=&zoom= and the filters set reopen this search.
  function rememberView() {
    var c = map.getCenter();
    var url = new URL(window.location.href);
    url.searchParams.set('lat', c.lat.toFixed(5));
    url.searchParams.set('lng', c.lng.toFixed(5));
    url.searchParams.set('zoom', String(map.getZoom()));
    var data = new FormData(filterForm);
    FILTERS.forEach(function (name) {
      var v = data.get(name);
      // "For" matters only with a start
      if (v && (name !== 'freeFor' || data.get('freeFrom'))) url.searchParams.set(name, v);
      else url.searchParams.delete(name);
    });
    window.history.replaceState(null, '', url.pathname + '?' + url.searchParams.toString());
  }

  // The filters a link or a reload carries; a value the form does not offer is left out.
  function restoreFilters() {
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var v = params.get(name);
      var field = filterForm.elements.namedItem(name);
      if (v === null || !field) return;
      if (field.tagName === 'SELECT') {
        if (Array.prototype.some.call(field.options, function (o) { return o.value === v; })) field.value = v;
      } else if (name === 'maxPrice') {
        if (/^\d{1,7}(\.\d{1,2})?$/.test(v)) field.value = v;
      } else if (name === 'freeFrom') {
        if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) field.value = v;
      }
    });
  }

  // ---- address search (only when the server has a geocoder) ----

  function placeSearch() {
    var form = document.getElementById('place-search');
    if (!form) return;
    var input = document.getElementById('place-query');
    var results = document.getElementById('place-results');
    form.hidden = false;

    function choose(p) {
      origin = { name: p.name.split(',')[0], lat: p.lat, lng: p.lng, kind: 'place' };
      if (placeMarker) map.removeLayer(placeMarker);
      placeMarker = L.circleMarker([p.lat, p.lng], { radius: 9, color: '#7c2d12', fillColor: '#f97316', fillOpacity: 0.85 })
        .bindTooltip(p.name).addTo(map);
      results.hidden = true;
      results.replaceChildren();
      map.setView([p.lat, p.lng], 15);
      say('Showing chargers near ' + p.name + '.');
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var q = input.value.trim();
      if (!q) return;
      say('Searching for ' + q + '…');
      places.search(q).then(function (answer) {
        results.replaceChildren();
        if (!answer.ok) {
          results.hidden = true;
          say(answer.message);
          return;
        }
        if (!answer.places.length) {
          results.hidden = true;
          say('No place found for “' + q + '”. Try another spelling, or move the map by hand.');
          return;
        }
        answer.places.forEach(function (p) {
          var li = el('li');
          var b = el('button', 'block w-full px-3 py-2 text-left text-sm text-slate-800 hover:bg-emerald-50', p.name);
          b.type = 'button';
          b.dataset.placeLat = p.lat;
          b.dataset.placeLng = p.lng;
          b.addEventListener('click', function () { choose(p); });
          li.appendChild(b);
          results.appendChild(li);
        });
        results.hidden = false;
        say(answer.places.length + (answer.places.length === 1 ? ' place' : ' places') + ' found; choose one.');
        results.querySelector('button').focus();
      });
    });
  }

  function nearMe() {
    if (!navigator.geolocation) {
      say('Your browser cannot tell us where you are. Move the map by hand instead.');
      return;
    }
    say('Finding your location…');
    navigator.geolocation.getCurrentPosition(function (pos) {
      var here = [pos.coords.latitude, pos.coords.longitude];
      origin = { name: 'you', lat: here[0], lng: here[1], kind: 'you' };
      if (hereMarker) map.removeLayer(hereMarker);
      hereMarker = L.circleMarker(here, { radius: 8, color: '#1d4ed8', fillColor: '#3b82f6', fillOpacity: 0.8 })
        .bindTooltip('You are here').addTo(map);
      map.setView(here, 14);
    }, function (err) {
      if (err.code === 1) {
        say('Location access was refused. Allow it for this site in your browser settings, or move the map by hand.');
      } else if (err.code === 3) {
        say('Finding your location took too long. Try again, or move the map by hand.');
      } else {
        say('We could not find your location. Try again, or move the map by hand.');
      }
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
  }

  /** A pushed change for one charger: recolour its marker, popup and list entry. */
  function applyLive(message) {
    if (!message || message.type !== 'charger') return false;
    var entry = markers.get(Number(message.chargerId));
    if (!entry) return false;
    var c = Object.assign({}, entry.charger);
    if (message.status) c.status = message.status;
    if (typeof message.availableNow === 'boolean') c.availableNow = message.availableNow;
    if (typeof message.pricePerHourMinor === 'number') c.pricePerHourMinor = message.pricePerHourMinor;
    if (message.currency) c.currency = message.currency;
    // a push names nowStatus only when it carries one; a closed charger stays closed until it frees up
    if (message.nowStatus) {
      c.nowStatus = message.nowStatus;
    } else if (c.status === 'OFFLINE' || c.availableNow) {
      c.nowStatus = c.status === 'OFFLINE' ? 'OFFLINE' : 'FREE';
    } else if (c.nowStatus !== 'CLOSED') {
      c.nowStatus = 'BUSY';
    }
    entry.charger = c;
    restyle(entry);
    return true;
  }

  function defaultFreeFrom() {
    var input = document.getElementById('f-from');
    var d = new Date();
    d.setMinutes(0, 0, 0);
    d.setHours(d.getHours() + 1);
    var pad = function (n) { return String(n).padStart(2, '0'); };
    input.min = d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':00';
  }

  filterForm.addEventListener('submit', function (event) {
    event.preventDefault();
    rememberView();
    load();
  });
  filterForm.addEventListener('change', function () {
    rememberView();
    scheduleLoad();
  });
  filterForm.addEventListener('reset', function () {
    setTimeout(function () {
      rememberView();
      load();
    }, 0);
  });
  document.getElementById('near-me').addEventListener('click', nearMe);
  map.on('moveend', function () {
    rememberView();
    scheduleLoad();
  });
  defaultFreeFrom();
  restoreFilters();
  placeSearch();
  load();

  cs.map = { applyLive: applyLive };
})();
