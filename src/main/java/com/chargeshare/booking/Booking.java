package com.chargeshare.booking;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A booking as the API shows it. */
public record Booking(long id, long chargerId, long driverId, Instant start, Instant end, String status,
                      long priceMinor, String currency, Instant createdAt) {

  public static final String CONFIRMED = "CONFIRMED";
  public static final String CANCELLED = "CANCELLED";

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id)
      .put("chargerId", chargerId)
      .put("driverId", driverId)
      .put("start", start.toString())
      .put("end", end.toString())
      .put("status", status)
      .put("priceMinor", priceMinor)
      .put("currency", currency)
      .put("createdAt", createdAt.toString());
  }

  public Booking cancelled() {
    return new Booking(id, chargerId, driverId, start, end, CANCELLED, priceMinor, currency, createdAt);
  }
}
