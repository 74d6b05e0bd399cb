package com.chargeshare.booking;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A booking as the API shows it; {@code cancelledBy} and {@code cancelReason} only once it is cancelled, and the
 * lifecycle's parts ({@link Life}: hold expiry, check-in, refund) only where they apply.
 */
public record Booking(long id, long chargerId, long driverId, Instant start, Instant end, BookingStatus status,
                      long priceMinor, String currency, Instant createdAt, CancelledBy cancelledBy, String cancelReason,
                      Life life) {

  public Booking {
    life = life == null ? Life.NONE : life;
  }

  /** A booking without lifecycle details. */
  public Booking(long id, long chargerId, long driverId, Instant start, Instant end, BookingStatus status, long priceMinor,
                 String currency, Instant createdAt, CancelledBy cancelledBy, String cancelReason) {
    this(id, chargerId, driverId, start, end, status, priceMinor, currency, createdAt, cancelledBy, cancelReason, Life.NONE);
  }

  /** A booking that has not been cancelled. */
  public Booking(long id, long chargerId, long driverId, Instant start, Instant end, BookingStatus status, long priceMinor,
                 String currency, Instant createdAt) {
    this(id, chargerId, driverId, start, end, status, priceMinor, currency, createdAt, null, null, Life.NONE);
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
    if (status == BookingStatus.PENDING_PAYMENT && life.holdExpiresAt() != null) {
      json.put("holdExpiresAt", life.holdExpiresAt().toString());
    }
    if (life.checkedInAt() != null) {
      json.put("checkedInAt", life.checkedInAt().toString()).put("checkInSource", life.checkInSource().name());
    }
    if (life.refund() != null) {
      json.put("refund", new JsonObject().put("amountMinor", life.refund().amountMinor()).put("currency", life.refund().currency())
        .put("status", life.refund().status().name()));
    }
    return json;
  }

  /** The one rule: a confirmed booking, or a hold, that has not started can be cancelled. */
  public boolean cancellableAt(Instant now) {
    return status.claims() && start.isAfter(now);
  }

  public Booking cancelled(CancelledBy by, String reason) {
    return new Booking(id, chargerId, driverId, start, end, BookingStatus.CANCELLED, priceMinor, currency, createdAt, by, reason,
      new Life(null, life.checkedInAt(), life.checkInSource(), life.refund()));
  }

  public Booking withStatus(BookingStatus next) {
    return new Booking(id, chargerId, driverId, start, end, next, priceMinor, currency, createdAt, cancelledBy, cancelReason,
      next == BookingStatus.PENDING_PAYMENT ? life : new Life(null, life.checkedInAt(), life.checkInSource(), life.refund()));
  }

  public Booking withLife(Life next) {
    return new Booking(id, chargerId, driverId, start, end, status, priceMinor, currency, createdAt, cancelledBy, cancelReason, next);
  }

  /** Who this user is to the booking when cancelling it: its driver, or else the charger's host. */
  public CancelledBy cancellerRole(long userId) {
    return userId == driverId ? CancelledBy.DRIVER : CancelledBy.HOST;
  }
}
