package com.chargeshare.booking;

import java.time.Instant;

/**
 * What occupies units of a calendar: a booking or a block. Held from the moment the engine decides; its
 * database id is assigned when its group commit is written.
 */
final class Claim {

  enum Kind { BOOKING, BLOCK }

  final Kind kind;
  final long chargerId;
  final long ownerId;
  final Instant start;
  final Instant end;
  long id;
  boolean committed;
  /** A cancel of this booking is on its way to the database: a second cancel is refused at once. */
  boolean cancelling;
  /** A hold's expiry while it waits for its payment; null once confirmed (or for a booking confirmed at once). */
  Instant holdUntil;
  boolean checkedIn;
  /** Released from the calendar (cancelled, expired, no-show): deadlines of it are void. */
  boolean gone;
  /** A lifecycle step of this booking on its way (payment, expiry, check-in, no-show); the next waits for it. */
  io.vertx.core.Future<Void> busy;

  Claim(Kind kind, long chargerId, long ownerId, Instant start, Instant end) {
    this.kind = kind;
    this.chargerId = chargerId;
    this.ownerId = ownerId;
    this.start = start;
    this.end = end;
  }

  static Claim committed(Kind kind, long id, long chargerId, long ownerId, Instant start, Instant end) {
    Claim c = new Claim(kind, chargerId, ownerId, start, end);
    c.id = id;
    c.committed = true;
    return c;
  }

  boolean idle() {
    return busy == null || busy.isComplete();
  }

  boolean held() {
    return holdUntil != null;
  }

  long firstUnit() {
    return Units.of(start);
  }

  long endUnit() {
    return Units.of(end);
  }
}
