package com.chargeshare.booking;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A booking as the API shows it. */
public record Booking(long id, long chargerId, long driverId, Instant start, Instant end, BookingStatus status,
                      long priceMinor, String currency, Instant createdAt) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id)
      .put("chargerId", chargerId)
      .put("driverId", driverId)
      .put("start", start.toString())
      .put("end", end.toString())
      .put("status", status.name())
      .put("priceMinor", priceMinor)
      .put("currency", currency)
      .put("createdAt", createdAt.toString());
  }

  /** The one rule: only a confirmed booking that has not started can be cancelled. */
  public boolean cancellableAt(Instant now) {
    return status == BookingStatus.CONFIRMED && start.isAfter(now);
  }

  public Booking cancelled() {
    return new Booking(id, chargerId, driverId, start, end, BookingStatus.CANCELLED, priceMinor, currency, createdAt);
  }
}
