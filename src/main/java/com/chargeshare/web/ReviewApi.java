package com.chargeshare.web;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.charger.Listings;
import com.chargeshare.input.Fields;
import com.chargeshare.input.PathIds;
import com.chargeshare.input.Query;
import com.chargeshare.review.Rating;
import com.chargeshare.review.Reviews;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Reviews: {@code POST /api/bookings/{id}/review} (its driver), its reply (the host), {@code GET /api/chargers/{id}/reviews}. */
public final class ReviewApi {

  private final Reviews reviews;
  private final Listings listings;
  private final AuthGuard guard;

  public ReviewApi(Reviews reviews, Listings listings, AuthGuard guard) {
    this.reviews = reviews;
    this.listings = listings;
    this.guard = guard;
  }

  public void mount(Router router) {
    router.post("/api/bookings/:id/review").handler(guard.require()).respond(this::review);
    router.post("/api/bookings/:id/review/reply").handler(guard.require()).respond(this::reply);
    router.get("/api/chargers/:id/reviews").respond(this::list);
  }

  /** {@code {rating: 1..5, comment}} → 201 with the review. */
  private Future<JsonObject> review(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Fields f = Fields.of(ctx);
    Long rating = f.integer("rating", true, 1, 5, "must be a whole number 1..5");
    String comment = f.string("comment", false, 0, 100_000);
    f.validate();
    return reviews.review(AuthGuard.principal(ctx), id, rating, comment).map(r -> {
      ctx.response().setStatusCode(201);
      return new JsonObject().put("review", r.toJson());
    });
  }

  /** {@code {reply}} → 200 with the review and its answer. */
  private Future<JsonObject> reply(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Fields f = Fields.of(ctx);
    String reply = f.string("reply", true, 1, 100_000);
    f.validate();
    return reviews.reply(AuthGuard.principal(ctx), id, reply).map(r -> new JsonObject().put("review", r.toJson()));
  }

  /** Newest first ({@code limit} default 20, at most 100; {@code offset}), with the charger's rating. */
  private Future<JsonObject> list(RoutingContext ctx) {
    long id = PathIds.of(ctx, "id");
    Query q = new Query(ctx);
    int limit = q.intInRange("limit", 20, 1, 100);
    int offset = q.intInRange("offset", 0, 0, 100_000);
    q.validate();
    return listings.existing(id).compose(c -> reviews.repository().byCharger(id, limit, offset)
      .compose(list -> reviews.repository().ratings(List.of(id)).map(ratings -> {
        JsonArray a = new JsonArray();
        list.forEach(r -> a.add(r.toJson()));
        return new JsonObject().put("reviews", a).put("rating", ratings.getOrDefault(id, Rating.NONE).toJson());
      })));
  }
}
