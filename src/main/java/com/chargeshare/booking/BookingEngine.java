package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import com.chargeshare.charger.Charger;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.List;

/**
 * Every write on a charger's calendar and every read of its availability. Two implementations answer the
 * same way: {@link EventBusEngine} (the shard owners decide in memory, then group-commit) and
 * {@link DbLockEngine} (the classic row-lock transaction per request).
 */
public interface BookingEngine {

  String name();

  boolean ready();

  /**
   * Decides a request that passes the rules (fails with the rule's failure otherwise) and commits it when the
   * window, or a flex window, is free; the receipt is written in the same transaction when the request has a key.
   * With {@code countAttempt} (a client's request) it first counts against the driver's booking attempts per minute
   * and fails with RATE_LIMITED past them; requests of the server's own (the demo city) are not counted.
   */
  Future<BookingOutcome> book(BookRequest request, Receipt receipt, boolean countAttempt);

  /** A request of the server's own: not counted as a driver's attempt. */
  default Future<BookingOutcome> book(BookRequest request, Receipt receipt) {
    return book(request, receipt, false);
  }

  /** The same count of booking attempts as {@link #book}'s, for requests answered before they reach the engine. */
  BookingAttempts attempts();

  /**
   * Cancels as its driver or the charger's host; {@code reason} may be null. Exactly one of concurrent cancels wins.
   * A paid booking owes a refund by the cancellation policy: it is recorded (PENDING) in the cancel's transaction and
   * the answer's booking carries it.
   */
  Future<Booking> cancel(long bookingId, Principal by, String reason);

  /**
   * A hold's payment: confirms the hold exactly once, whichever of checkout callback, webhook and reconciliation comes
   * first; a hold that is gone (expired, cancelled) is not confirmed ({@link Settlement#NOT_HELD}: the caller refunds).
   */
  Future<Paying> pay(Booking hold, HoldCheck.Paid paid);

  /** Lets a hold go at once (its order could not be made); its slots are free again. */
  Future<Void> releaseHold(Booking hold, String why);

  /**
   * Checks a confirmed booking in, by its driver or by its charger (a session started), from
   * {@link LifecycleRules#checkInOpensAt} until its no-show deadline; CHECK_IN_NOT_OPEN otherwise. Checking in twice
   * answers the first check-in.
   */
  Future<Booking> checkIn(Booking booking, CheckInSource source);

  /** What became of a payment, and the booking as it now stands. */
  record Paying(Settlement settlement, Booking booking) {
  }

  Future<Block> block(long chargerId, Principal host, Instant start, Instant end, String reason);

  Future<Void> unblock(long chargerId, long blockId, Principal host);

  /** The slot grid as the engine sees it, with the listing it belongs to (404 when there is none). */
  Future<SlotGrid> slots(long chargerId, Instant from, Instant to);

  /** Availability of many chargers at once (search results); the window is optional. */
  Future<Map<Long, Availability>> availability(Collection<Long> chargerIds, Instant windowFrom, Instant windowTo);

  /** A listing changed (edited, status, created); the owner reloads it and announces a status change. */
  Future<Void> chargerChanged(long chargerId);

  /** Deletes a listing unless it has future confirmed bookings ({@code CHARGER_HAS_BOOKINGS}). */
  Future<Void> deleteCharger(long chargerId);

  /** {@code expectedPriceMinor}, when given, is the total the client showed: another total is PRICE_CHANGED. */
  record BookRequest(long driverId, long chargerId, Instant start, Instant end, int flexMinutes, String idempotencyKey,
                     Long expectedPriceMinor) {

    public BookRequest(long driverId, long chargerId, Instant start, Instant end, int flexMinutes, String idempotencyKey) {
      this(driverId, chargerId, start, end, flexMinutes, idempotencyKey, null);
    }

    /** What was asked, whatever JSON spelled it: kept with an Idempotency-Key to tell a retry from a reuse. */
    public String fingerprint() {
      String asked = chargerId + "|" + start + "|" + end + "|" + flexMinutes + "|" + expectedPriceMinor;
      try {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(asked.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  record SlotGrid(Charger charger, List<SlotState> slots) {
  }
}
