package com.chargeshare.pages;

import io.vertx.core.json.JsonObject;

/**
 * The map as the pages hand it to Leaflet through data-* attributes: tile source, attribution, an optional
 * Google key, the view to open (numbers as written there), and whether address search is on (a geocoder is
 * configured). Read once from the {@code map} config.
 */
record MapSettings(String tileUrl, String attribution, String googleMapsKey, String lat, String lng, String zoom,
                   boolean addressSearch) {

  static MapSettings of(JsonObject config, boolean addressSearch) {
    String google = config.getString("googleMapsKey");
    return new MapSettings(config.getString("tileUrl", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"),
      config.getString("attribution", "© OpenStreetMap contributors"), google == null ? "" : google,
      String.valueOf(config.getDouble("defaultLat", 12.9716)), String.valueOf(config.getDouble("defaultLng", 77.5946)),
      String.valueOf(config.getInteger("defaultZoom", 12)), addressSearch);
  }

  /** The same map opened elsewhere: a null centre or zoom keeps this one's. */
  MapSettings view(Double atLat, Double atLng, Double atZoom) {
    boolean centred = atLat != null && atLng != null;
    return new MapSettings(tileUrl, attribution, googleMapsKey, centred ? String.valueOf(atLat) : lat,
      centred ? String.valueOf(atLng) : lng, atZoom != null ? String.valueOf(Math.round(atZoom)) : zoom, addressSearch);
  }
}
