package com.chargeshare.config;

import io.vertx.core.json.JsonObject;

/**
 * Address search ({@code geocoder} in conf/config.json): a Nominatim-compatible server at {@code url}
 * ({@code CHARGESHARE_GEOCODER_URL}; off when unset), asked with {@code userAgent}
 * ({@code CHARGESHARE_GEOCODER_USER_AGENT}; Nominatim's usage policy wants one that names the application and a
 * contact), giving up after {@code timeoutMillis}; answers kept {@code cacheSeconds} for up to {@code cacheEntries}
 * queries; each user (or, signed out, each client address) may search {@code perUserPerMinute} times a minute.
 */
public record GeocoderSettings(String url, String userAgent, int timeoutMillis, int cacheEntries, int cacheSeconds,
                               int perUserPerMinute, int maxResults) {

  static GeocoderSettings of(JsonObject section) {
    String url = section.getString("url");
    return new GeocoderSettings(url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", ""),
      section.getString("userAgent", "EV-ChargeShare/1.0 (self-hosted; set CHARGESHARE_GEOCODER_USER_AGENT)"),
      section.getInteger("timeoutMillis", 3000), section.getInteger("cacheEntries", 1000),
      section.getInteger("cacheSeconds", 86_400), section.getInteger("perUserPerMinute", 20), section.getInteger("maxResults", 5));
  }

  public boolean enabled() {
    return url != null;
  }
}
