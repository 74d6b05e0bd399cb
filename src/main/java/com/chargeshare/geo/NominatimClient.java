package com.chargeshare.geo;

import com.chargeshare.config.GeocoderSettings;
import com.chargeshare.failure.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks a Nominatim-compatible server {@code GET {url}/search?format=jsonv2&q=...&limit=N} with our User-Agent, and
 * reads {@code display_name}, {@code lat} and {@code lon} of each hit. A server that is slow (past the timeout),
 * down or answers something else is {@link Unavailable}: the caller's request was fine.
 */
final class NominatimClient {

  private static final Logger log = LoggerFactory.getLogger(NominatimClient.class);
  private static final int MAX_ANSWER_BYTES = 512 * 1024;

  private final WebClient client;
  private final GeocoderSettings settings;

  NominatimClient(Vertx vertx, GeocoderSettings settings) {
    this.settings = settings;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent(settings.userAgent())
      .setConnectTimeout(settings.timeoutMillis()).setFollowRedirects(false));
  }

  Future<List<Place>> search(String query) {
    return client.getAbs(settings.url() + "/search")
      .addQueryParam("format", "jsonv2")
      .addQueryParam("q", query)
      .addQueryParam("limit", String.valueOf(settings.maxResults()))
      .putHeader("Accept", "application/json")
      .putHeader("Accept-Language", "en")
      // an idle timeout per read, and a deadline for the whole answer (a server trickling bytes keeps no one waiting)
      .timeout(settings.timeoutMillis())
      .send()
      .timeout(settings.timeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
      .recover(err -> {
        log.warn("Address search failed: {}", err.getClass().getSimpleName());
        return Future.failedFuture(new Unavailable("Address search is not answering now; try again, or place the pin on the map"));
      })
      .compose(this::places);
  }

  private Future<List<Place>> places(HttpResponse<io.vertx.core.buffer.Buffer> r) {
    if (r.statusCode() != 200 || r.body() == null || r.body().length() > MAX_ANSWER_BYTES) {
      log.warn("Address search answered {}", r.statusCode());
      return Future.failedFuture(new Unavailable("Address search is not answering now; try again, or place the pin on the map"));
    }
    try {
      JsonArray hits = new JsonArray(r.body());
      List<Place> out = new ArrayList<>();
      for (int i = 0; i < hits.size() && out.size() < settings.maxResults(); i++) {
        if (!(hits.getValue(i) instanceof JsonObject hit)) {
          continue;
        }
        Double lat = number(hit.getValue("lat"));
        Double lng = number(hit.getValue("lon"));
        String name = hit.getValue("display_name") instanceof String s ? s.strip() : null;
        if (lat != null && lng != null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && name != null && !name.isEmpty()) {
          out.add(new Place(name.length() > 300 ? name.substring(0, 300) : name, lat, lng));
        }
      }
      return Future.succeededFuture(out);
    } catch (RuntimeException e) {
      log.warn("Address search answered something other than a JSON array");
      return Future.failedFuture(new Unavailable("Address search is not answering now; try again, or place the pin on the map"));
    }
  }

  /** Nominatim writes coordinates as strings; some compatible servers as numbers. */
  private static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
