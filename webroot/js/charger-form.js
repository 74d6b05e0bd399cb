// The host's add/edit form (templates/charger-form.peb). The form posts without JavaScript; this adds
// a map where a click drops the pin and dragging moves it (filling latitude and longitude), an address search
// (when the server has a geocoder) whose chosen place fills them too, and greys out hour inputs that do not apply.
// Without map tiles the map says so and the pin still works.
(function () {
  'use strict';

  var box = document.getElementById('pin-map');
  var latInput = document.getElementById('lat');
  var lngInput = document.getElementById('lng');

  function number(v) {
    var n = parseFloat(v);
    return isNaN(n) ? null : n;
  }

  function pinMap() {
    if (!box || !window.L) return;
    box.hidden = false;
    var lat = number(latInput.value);
    var lng = number(lngInput.value);
    var placed = lat !== null && lng !== null;
    var centre = placed ? [lat, lng] : [number(box.dataset.defaultLat), number(box.dataset.defaultLng)];
    var map = L.map(box, { center: centre, zoom: placed ? 16 : 12 });
    var tiles = L.tileLayer(box.dataset.tileUrl, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(map);
    if (window.ChargeShare.places) {
      window.ChargeShare.places.watchTiles(tiles, box, 'Clicking still drops the pin, and the address search and the fields below still work.');
    }
    var icon = L.divIcon({ className: 'cs-marker cs-marker--pin', html: '<span aria-hidden="true"></span>', iconSize: [22, 22], iconAnchor: [11, 11] });
    var pin = null;

    function fill(latlng) {
      latInput.value = latlng.lat.toFixed(6);
      lngInput.value = latlng.lng.toFixed(6);
    }

    function put(latlng) {
      if (!pin) {
        pin = L.marker(latlng, { icon: icon, draggable: true, title: 'Charger location', alt: 'Charger location' }).addTo(map);
        pin.on('dragend', function () { fill(pin.getLatLng()); });
      } else {
        pin.setLatLng(latlng);
      }
    }

    if (placed) put(centre);
    map.on('click', function (event) {
      put(event.latlng);
      fill(event.latlng);
    });
    // typed coordinates move the pin too
    [latInput, lngInput].forEach(function (input) {
      input.addEventListener('change', function () {
        var a = number(latInput.value);
        var b = number(lngInput.value);
        if (a !== null && b !== null && Math.abs(a) <= 90 && Math.abs(b) <= 180) {
          put([a, b]);
          map.panTo([a, b]);
        }
      });
    });
    return { place: function (latlng) { put(latlng); fill(latlng); map.setView(latlng, 17); } };
  }

  // Finds the typed address through GET /api/geocode; the chosen place fills the coordinates (and moves the pin).
  function addressSearch(pin) {
    var wrap = document.getElementById('address-search');
    var cs = window.ChargeShare;
    if (!wrap || !cs.places) return;
    var address = document.getElementById('address');
    var status = document.getElementById('address-status');
    var results = document.getElementById('address-results');
    wrap.hidden = false;

    function choose(p) {
      var latlng = L.latLng(p.lat, p.lng);
      if (pin) {
        pin.place(latlng);
      } else {
        latInput.value = Number(p.lat).toFixed(6);
        lngInput.value = Number(p.lng).toFixed(6);
      }
      results.hidden = true;
      results.replaceChildren();
      status.textContent = 'Placed at ' + p.name + '. Check the pin and drag it if the spot is not exact.';
    }

    document.getElementById('address-find').addEventListener('click', function () {
      var q = address.value.trim();
      if (!q) {
        status.textContent = 'Type the address first.';
        address.focus();
        return;
      }
      status.textContent = 'Searching…';
      cs.places.search(q).then(function (answer) {
        results.replaceChildren();
        if (!answer.ok || !answer.places.length) {
          results.hidden = true;
          status.textContent = answer.ok ? 'No place found for that address. Place the pin on the map, or type the coordinates.' : answer.message;
          return;
        }
        answer.places.forEach(function (p) {
          var li = cs.el('li');
          var b = cs.el('button', 'block w-full px-3 py-2 text-left text-sm text-slate-800 hover:bg-emerald-50', p.name);
          b.type = 'button';
          b.addEventListener('click', function () { choose(p); });
          li.appendChild(b);
          results.appendChild(li);
        });
        results.hidden = false;
        status.textContent = answer.places.length + (answer.places.length === 1 ? ' place' : ' places') + ' found; choose one.';
        results.querySelector('button').focus();
      });
    });
  }

  function hours() {
    var weekly = document.getElementById('weekly-hours');
    if (!weekly) return;
    var radios = document.querySelectorAll('input[name="hoursMode"]');

    function sync() {
      var mode = document.querySelector('input[name="hoursMode"]:checked');
      var on = mode && mode.value === 'weekly';
      weekly.classList.toggle('opacity-50', !on);
      weekly.querySelectorAll('[data-day-row]').forEach(function (row) {
        var select = row.querySelector('[data-day-mode]');
        select.disabled = !on;
        row.querySelectorAll('[data-day-time]').forEach(function (input) {
          input.disabled = !on || select.value !== 'hours';
        });
      });
    }

    radios.forEach(function (r) { r.addEventListener('change', sync); });
    weekly.addEventListener('change', sync);
    // disabled inputs are not posted: enable them all just before submitting so the server sees every row
    weekly.closest('form').addEventListener('submit', function () {
      weekly.querySelectorAll('select, input').forEach(function (input) { input.disabled = false; });
    });
    sync();
  }

  addressSearch(pinMap());
  hours();
})();
