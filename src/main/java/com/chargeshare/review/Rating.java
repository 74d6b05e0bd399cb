package com.chargeshare.review;

import io.vertx.core.json.JsonObject;

/** A charger's reviews in sum: the average (one decimal; null with no reviews) and how many. */
public record Rating(Double average, int count) {

  public static final Rating NONE = new Rating(null, 0);

  public static Rating of(long sum, int count) {
    return count == 0 ? NONE : new Rating(Math.round(sum * 10.0 / count) / 10.0, count);
  }

  public JsonObject toJson() {
    return new JsonObject().put("average", average).put("count", count);
  }
}
