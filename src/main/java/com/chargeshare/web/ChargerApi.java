package com.chargeshare.web;

import com.chargeshare.input.Query;
import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.input.Fields;
import com.chargeshare.input.PathIds;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.booking.Availability;
import com.chargeshare.booking.AccessInstructions;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.BookingRepository;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerInput;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.Listings;
import com.chargeshare.charger.SearchFilter;
import com.chargeshare.review.Rating;
import com.chargeshare.review.ReviewRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code /api/chargers}: listings, search, slot grids and host blocks. */
public final class ChargerApi {

  private static final Duration MAX_SLOT_RANGE = Duration.ofDays(7);

  private final ChargerRepository chargers;
  private final Listings listings;
  private final BookingRepository bookings;
  private final AccessInstructions accessInstructions;
  private final BookingEngine engine;
  private final AuthGuard guard;
  /** Chargers carry their rating: {average, count}. */
  private final ReviewRepository ratings;

  public ChargerApi(ChargerRepository chargers, Listings listings, BookingRepository bookings,
                    AccessInstructions accessInstructions, BookingEngine engine, AuthGuard guard, ReviewRepository ratings) {
    this.ratings = ratings;
    this.chargers = chargers;
    this.listings = listings;
    this.bookings = bookings;
    this.accessInstructions = accessInstructions;
    this.engine = engine;
    this.guard = guard;
  }

  public void mount(Router router) {
    router.post("/api/chargers").handler(guard.require(Role.HOST)).respond(this::create);
    router.get("/api/chargers").respond(this::search);
    router.get("/api/chargers/:id").respond(this::get);
    router.patch("/api/chargers/:id").handler(guard.require(Role.HOST)).respond(this::patch);
    router.delete("/api/chargers/:id").handler(guard.require(Role.HOST)).handler(this::delete);
    router.get("/api/chargers/:id/slots").respond(this::slots);
    router.post("/api/chargers/:id/blocks").handler(guard.require(Role.HOST)).respond(this::block);
    router.get("/api/chargers/:id/blocks").handler(guard.require(Role.HOST)).respond(this::blocks);
    router.delete("/api/chargers/:id/blocks/:blockId").handler(guard.require(Role.HOST)).handler(this::unblock);
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    Charger input = ChargerInput.create(Fields.jsonBody(ctx), AuthGuard.principal(ctx).id());
    return chargers.insert(input)
      .compose(c -> engine.chargerChanged(c.id()).map(c))
      .compose(c -> withAvailability(c, true))
      .map(json -> {
        ctx.response().setStatusCode(201);
        return new JsonObject().put("charger", json);
      });
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Principal p = AuthGuard.principal(ctx);
    return found(id).compose(c -> accessInstructions.visibleTo(p, c).compose(access -> withAvailability(c, access)))
      .map(json -> new JsonObject().put("charger", json));
  }

  private Future<JsonObject> withAvailability(Charger c, boolean access) {
    return engine.availability(List.of(c.id()), null, null).map(av -> annotate(c.toJson(access), av.get(c.id())))
      .compose(json -> ratings.ratings(List.of(c.id()))
        .map(r -> json.put("rating", r.getOrDefault(c.id(), Rating.NONE).toJson())));
  }

  private static JsonObject annotate(JsonObject json, Availability a) {
    json.put("availableNow", a != null && a.availableNow());
    json.put("nextFreeAt", a == null || a.nextFreeAt() == null ? null : a.nextFreeAt().toString());
    json.put("nowStatus", a == null ? null : a.nowStatus().name());
    return json;
  }

  private Future<JsonObject> patch(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    JsonObject body = Fields.jsonBody(ctx);
    return owned(ctx, id)
      .compose(current -> chargers.update(ChargerInput.patch(current, body)))
      .compose(c -> engine.chargerChanged(c.id()).map(c))
      .compose(c -> withAvailability(c, true))
      .map(json -> new JsonObject().put("charger", json));
  }

  private void delete(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    owned(ctx, id).compose(c -> engine.deleteCharger(id))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private Future<JsonObject> search(RoutingContext ctx) {
    SearchParams s = SearchParams.parse(new Query(ctx));
    int fetch = s.windowFrom() != null ? Math.min(s.limit() * 4, 2000) : s.limit();
    Future<List<ChargerRepository.Located>> hits = s.bbox() != null
      ? chargers.inBox(s.bbox()[0], s.bbox()[1], s.bbox()[2], s.bbox()[3], s.filter(), fetch)
      : chargers.near(s.lat(), s.lng(), s.radiusKm(), s.filter(), fetch);
    return hits.compose(list -> engine.availability(list.stream().map(l -> l.charger().id()).toList(), s.windowFrom(), s.windowTo())
      .compose(av -> ratings.ratings(list.stream().map(l -> l.charger().id()).toList()).map(rated -> {
        JsonArray out = new JsonArray();
        for (ChargerRepository.Located l : list) {
          Availability a = av.get(l.charger().id());
          if (s.windowFrom() != null && (a == null || !Boolean.TRUE.equals(a.windowFree()))) {
            continue;
          }
          JsonObject json = annotate(l.charger().toJson(false), a)
            .put("rating", rated.getOrDefault(l.charger().id(), Rating.NONE).toJson());
          if (l.distanceKm() != null) {
            json.put("distanceKm", Math.round(l.distanceKm() * 1000) / 1000.0);
          }
          out.add(json);
          if (out.size() == s.limit()) {
            break;
          }
        }
        return new JsonObject().put("chargers", out);
      })));
  }

  private Future<JsonObject> slots(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Query q = new Query(ctx);
    Instant from = q.instant("from");
    Instant to = q.instant("to");
    q.validate();
    Instant start = from != null ? from : Instant.now();
    Instant end = to != null ? to : start.plus(Duration.ofDays(1));
    if (!end.isAfter(start)) {
      throw ValidationFailed.field("to", "must be after from");
    }
    if (Duration.between(start, end).compareTo(MAX_SLOT_RANGE) > 0) {
      throw ValidationFailed.field("to", "must be at most 7 days after from");
    }
    // the owner of the calendar knows the listing too: no database read for a slot view
    return engine.slots(id, start, end).map(grid -> {
      JsonArray a = new JsonArray();
      grid.slots().forEach(s -> a.add(s.toJson()));
      return new JsonObject().put("chargerId", id).put("slotMinutes", grid.charger().slotMinutes())
        .put("timeZone", grid.charger().timeZone().getId()).put("slots", a);
    });
  }

  private Future<JsonObject> block(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Fields f = Fields.of(ctx);
    Instant start = f.instant("start", true);
    Instant end = f.instant("end", true);
    String reason = f.string("reason", false, 0, 200);
    f.validate();
    return owned(ctx, id)
      .compose(c -> engine.block(id, AuthGuard.principal(ctx), start, end, reason == null ? "" : reason))
      .map(b -> {
        ctx.response().setStatusCode(201);
        return new JsonObject().put("block", b.toJson());
      });
  }

  private Future<JsonObject> blocks(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    return owned(ctx, id).compose(c -> bookings.activeBlocks(id, Instant.now())).map(list -> {
      JsonArray a = new JsonArray();
      list.forEach(b -> a.add(b.toJson()));
      return new JsonObject().put("blocks", a);
    });
  }

  private void unblock(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    long blockId = PathIds.of(ctx, "blockId");
    owned(ctx, id).compose(c -> engine.unblock(id, blockId, AuthGuard.principal(ctx)))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private Future<Charger> found(long id) {
    return listings.existing(id);
  }

  private Future<Charger> owned(RoutingContext ctx, long id) {
    return listings.ownedBy(id, AuthGuard.principal(ctx));
  }

  /** Parsed and checked search parameters. */
  record SearchParams(Double lat, Double lng, double radiusKm, double[] bbox, SearchFilter filter, Instant windowFrom,
                      Instant windowTo, int limit) {

    static SearchParams parse(Query q) {
      Double lat = q.decimal("lat", -90, 90);
      Double lng = q.decimal("lng", -180, 180);
      Double radius = q.decimal("radiusKm", 0, 100);
      double[] bbox = null;
      String rawBox = q.raw("bbox");
      if (rawBox != null) {
        bbox = parseBox(q, rawBox);
      } else if (lat == null || lng == null) {
        if (q.raw("lat") == null) q.problem("lat", "is required (or give bbox)");
        if (q.raw("lng") == null) q.problem("lng", "is required (or give bbox)");
      }
      if (radius != null && radius <= 0) {
        q.problem("radiusKm", "must be > 0 and <= 100");
      }
      String connector = q.oneOf("connectorType", ChargerInput.CONNECTORS);
      Double minPower = q.decimal("minPowerKw", 0, 400);
      Long maxPrice = q.longInRange("maxPricePerHourMinor", 0, Long.MAX_VALUE);
      Instant from = q.instant("availableFrom");
      Instant to = q.instant("availableTo");
      if ((from == null) != (to == null) && !q.hasProblem("availableFrom") && !q.hasProblem("availableTo")) {
        q.problem(from == null ? "availableFrom" : "availableTo", "availableFrom and availableTo go together");
      } else if (from != null && !to.isAfter(from)) {
        q.problem("availableTo", "must be after availableFrom");
      } else if (from != null && Duration.between(from, to).compareTo(Duration.ofDays(7)) > 0) {
        q.problem("availableTo", "must be at most 7 days after availableFrom");
      }
      int limit = q.intInRange("limit", 50, 1, 500);
      q.validate();
      return new SearchParams(lat, lng, radius == null ? 10 : radius, bbox,
        new SearchFilter(connector, minPower, maxPrice, false), from, to, limit);
    }

    private static double[] parseBox(Query q, String raw) {
      String[] parts = raw.split(",");
      if (parts.length != 4) {
        q.problem("bbox", "must be minLng,minLat,maxLng,maxLat");
        return null;
      }
      double[] b = new double[4];
      try {
        for (int i = 0; i < 4; i++) {
          b[i] = Double.parseDouble(parts[i].trim());
        }
      } catch (NumberFormatException e) {
        q.problem("bbox", "must be four numbers minLng,minLat,maxLng,maxLat");
        return null;
      }
      if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[1] > b[3] || b[0] < -180 || b[2] < -180 || b[0] > 180) {
        q.problem("bbox", "must be minLng,minLat,maxLng,maxLat within -180..180 and -90..90, min <= max");
        return null;
      }
      return b;
    }
  }
}
