package com.chargeshare.booking;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A host taking a charger out for a window. */
public record Block(long id, long chargerId, Instant start, Instant end, String reason, BlockStatus status) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("chargerId", chargerId).put("start", start.toString())
      .put("end", end.toString()).put("reason", reason).put("status", status.name());
  }

  boolean activeOn(long chargerId) {
    return this.chargerId == chargerId && status == BlockStatus.ACTIVE;
  }
}
