package com.chargeshare.web;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.geo.Geocoder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/geocode?q=...}: address search for the map and the charger form, answered by our server from the
 * configured Nominatim-compatible geocoder (so browsers never call it, and its limits are kept here). 404 when no
 * geocoder is configured; the pages then offer no search box.
 */
public final class GeocodeApi {

  static final int MAX_QUERY = 200;

  private final Geocoder geocoder;

  public GeocodeApi(Geocoder geocoder) {
    this.geocoder = geocoder;
  }

  public void mount(Router router) {
    router.get("/api/geocode").respond(this::search);
  }

  private Future<JsonObject> search(RoutingContext ctx) {
    String q = query(ctx.request().params().getAll("q"));
    Principal p = AuthGuard.principal(ctx);
    String who = p != null ? "user:" + p.id() : "address:" + ClientAddress.of(ctx);
    return geocoder.search(who, q).map(places -> {
      JsonArray out = new JsonArray();
      places.forEach(place -> out.add(place.toJson()));
      return new JsonObject().put("places", out);
    });
  }

  /** One {@code q} of 1..200 characters with no control characters. */
  private static String query(java.util.List<String> values) {
    if (values.size() != 1) {
      throw ValidationFailed.field("q", values.isEmpty() ? "is required" : "must be given once");
    }
    String q = values.get(0).strip();
    if (q.isEmpty()) {
      throw ValidationFailed.field("q", "is required");
    }
    if (q.codePointCount(0, q.length()) > MAX_QUERY) {
      throw ValidationFailed.field("q", "must be at most " + MAX_QUERY + " characters");
    }
    if (q.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
      || Character.getType(c) == Character.SURROGATE)) {
      throw ValidationFailed.field("q", "must not contain control characters");
    }
    return q;
  }
}
