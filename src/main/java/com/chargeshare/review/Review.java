package com.chargeshare.review;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A driver's review of one booking, and the host's answer (null until given). {@code author} is the driver's first
 * name only: reviews are public. Texts are plain as typed; pages escape them.
 */
public record Review(long bookingId, long chargerId, long driverId, String author, int rating, String comment,
                     Instant createdAt, String reply, Instant repliedAt) {

  public JsonObject toJson() {
    return new JsonObject().put("bookingId", bookingId).put("chargerId", chargerId).put("author", author)
      .put("rating", rating).put("comment", comment).put("createdAt", createdAt.toString()).put("reply", reply)
      .put("repliedAt", repliedAt == null ? null : repliedAt.toString());
  }
}
