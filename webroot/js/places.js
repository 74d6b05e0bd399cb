// ChargeShare.places, shared by the map, the charger page and the charger form: address search through our own
// GET /api/geocode (the server asks the configured Nominatim-compatible geocoder), distances in words, and a
// watch on a Leaflet tile layer that says so plainly when no map tile can be loaded, instead of a grey box.
(function () {
  'use strict';

  var cs = window.ChargeShare;
  // no tile by then (requests hanging, say) counts as unavailable
  var TILE_PATIENCE_MS = 8000;

  /** {ok: true, places: [{name, lat, lng}]} or {ok: false, message}. */
  function search(query) {
    return cs.api('GET', '/api/geocode?q=' + encodeURIComponent(query))
      .then(function (r) {
        if (r.ok && r.data && Array.isArray(r.data.places)) return { ok: true, places: r.data.places };
        if (r.status === 429) {
          var wait = parseInt(r.headers.get('Retry-After'), 10);
          return { ok: false, message: 'Too many searches in a minute. Try again' + (wait > 0 ? ' in ' + wait + ' s.' : ' shortly.') };
        }
        var message = r.data && r.data.error && r.data.error.message;
        return { ok: false, message: message || 'The address search failed. Place the pin on the map instead.' };
      })
      .catch(function () {
        return { ok: false, message: 'We could not reach the server. Check your connection and try again.' };
      });
  }

  /** "850 m", "1.2 km", "14 km". */
  function distance(metres) {
    if (metres < 1000) return Math.round(metres / 10) * 10 + ' m';
    var km = metres / 1000;
    return (km < 10 ? km.toFixed(1) : String(Math.round(km))) + ' km';
  }

  /**
   * Watches a tile layer: once its tiles have settled with none loaded (every one failed, or none came within
   * TILE_PATIENCE_MS), the map box is marked data-tiles="unavailable" and shows a notice saying what still works;
   * a tile that loads later takes the notice away (data-tiles="loaded").
   */
  function watchTiles(layer, box, what) {
    var loaded = 0;
    var failed = 0;
    var notice = null;

    function unavailable() {
      if (loaded > 0 || box.dataset.tiles === 'unavailable') return;
      box.dataset.tiles = 'unavailable';
      box.classList.add('cs-map--no-tiles');
      notice = cs.el('div', 'cs-tiles-off');
      notice.setAttribute('role', 'status');
      notice.setAttribute('data-tiles-notice', '');
      notice.appendChild(cs.el('strong', null, 'Map tiles unavailable. '));
      notice.appendChild(cs.el('span', null, what));
      box.appendChild(notice);
    }

    layer.on('tileload', function () {
      loaded++;
      box.dataset.tiles = 'loaded';
      box.classList.remove('cs-map--no-tiles');
      if (notice) {
        notice.remove();
        notice = null;
      }
    });
    layer.on('tileerror', function () { failed++; });
    // every tile in view has either loaded or failed
    layer.on('load', function () {
      if (loaded === 0 && failed > 0) unavailable();
    });
    setTimeout(function () {
      if (loaded === 0) unavailable();
    }, TILE_PATIENCE_MS);
  }

  cs.places = { search: search, distance: distance, watchTiles: watchTiles };
})();
