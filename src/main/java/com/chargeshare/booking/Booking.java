package com.chargeshare.booking;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A booking as the API shows it; {@code cancelledBy} and {@code cancelReason} only once it is cancelled. */
public record Booking(long id, long chargerId, long driverId, Instant start, Instant end, BookingStatus status,
                      long priceMinor, String currency, Instant createdAt, CancelledBy cancelledBy, String cancelReason) {

  /** A booking that has not been cancelled. */
  public Booking(long id, long chargerId, long driverId, Instant start, Instant end, BookingStatus status, long priceMinor,
                 String currency, Instant createdAt) {
    this(id, chargerId, driverId, start, end, status, priceMinor, currency, createdAt, null, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("id", id)
      .put("chargerId", chargerId)
      .put("driverId", driverId)
      .put("start", start.toString())
      .put("end", end.toString())
      .put("status", status.name())
      .put("priceMinor", priceMinor)
      .put("currency", currency)
      .put("createdAt", createdAt.toString());
    if (status == BookingStatus.CANCELLED && cancelledBy != null) {
      json.put("cancelledBy", cancelledBy.name()).put("cancelReason", cancelReason);
    }
    return json;
  }

  /** The one rule: only a confirmed booking that has not started can be cancelled. */
  public boolean cancellableAt(Instant now) {
    return status == BookingStatus.CONFIRMED && start.isAfter(now);
  }

  public Booking cancelled(CancelledBy by, String reason) {
    return new Booking(id, chargerId, driverId, start, end, BookingStatus.CANCELLED, priceMinor, currency, createdAt, by, reason);
  }

  /** Who this user is to the booking when cancelling it: its driver, or else the charger's host. */
  public CancelledBy cancellerRole(long userId) {
    return userId == driverId ? CancelledBy.DRIVER : CancelledBy.HOST;
  }
}
