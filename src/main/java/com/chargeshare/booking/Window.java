package com.chargeshare.booking;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A candidate time window on a charger, as offered in alternatives. */
public record Window(long chargerId, Instant start, Instant end) {

  public JsonObject toJson() {
    return new JsonObject().put("chargerId", chargerId).put("start", start.toString()).put("end", end.toString());
  }
}
