package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.time.Clock;
import java.util.List;

/**
 * The sender's half of the driver rules in the sharded engine: reserve on the driver's owner first, then ask the
 * charger's owner, then settle the reservation with the charger's answer. Only addresses are named, so the owners may
 * live on other nodes. Settles are sent without waiting: one that is lost lapses with its lease, and MySQL's
 * {@code driver_claims} key stands behind every decision meanwhile.
 *
 * <p>Booking attempts per minute are counted by the driver's owner too, on the reservation: one owner per driver in
 * the whole cluster, and no message beyond the one sent anyway. With the driver rules off there is no reservation: a
 * clustered node then sends the owner a count alone, a single node counts in its own memory.
 */
public final class DriverSide {

  /** With both rules off nothing is reserved and nothing needs settling. */
  static final DriverLedger.Granted NOTHING = new DriverLedger.Granted(0, List.of(), DriverLedger.NO_SEAT);

  private final Vertx vertx;
  private final int shards;
  private final DriverRules rules;
  private final String origin;
  private final int attemptsPerMinute;
  private final BookingAttempts attempts;
  private final DeliveryOptions options = new DeliveryOptions().setCodecName(LocalCodec.NAME).setSendTimeout(15_000);

  /**
   * {@code origin}: this node's cluster node id (empty on a single node), so its reservations lapse when it leaves;
   * {@code attemptsPerMinute}: booking attempts a driver may make a minute (0 = no limit).
   */
  public DriverSide(Vertx vertx, int shards, DriverRules rules, int attemptsPerMinute, Clock clock, String origin) {
    this.vertx = vertx;
    this.shards = shards;
    this.rules = rules;
    this.origin = origin;
    this.attemptsPerMinute = Math.max(0, attemptsPerMinute);
    this.attempts = this.attemptsPerMinute == 0 ? BookingAttempts.UNLIMITED
      : usesLedger() ? this::countAtOwner : new LocalBookingAttempts(this.attemptsPerMinute, clock);
  }

  public DriverRules rules() {
    return rules;
  }

  public int attemptsPerMinute() {
    return attemptsPerMinute;
  }

  /**
   * Whether the driver ledgers are deployed: for the driver rules, or in a cluster to count attempts in one place
   * per driver (a single node with the rules off counts in its memory: a ledger would only add a hop).
   */
  public boolean usesLedger() {
    return rules.any() || attemptsPerMinute > 0 && !origin.isEmpty();
  }

  /** The counter of booking requests that reserve nothing: the driver's owner's own, wherever it lives. */
  BookingAttempts attempts() {
    return attempts;
  }

  private Future<Void> countAtOwner(long driverId) {
    return vertx.eventBus().<Long>request(address(driverId), new DriverMessages.Count(driverId), options)
      .compose(msg -> BookingAttempts.verdict(msg.body()));
  }

  /** Whether bookings claim their driver's units in MySQL too (the overlap rule is on). */
  public boolean claimsDriverUnits() {
    return !rules.allowOverlap();
  }

  private String address(long driverId) {
    return DriverLedgerVerticle.address(DriverLedgerVerticle.shardOf(driverId, shards));
  }

  /**
   * Granted, or failed with RATE_LIMITED (when {@code count}ed over the limit), DRIVER_OVERLAP or BOOKING_LIMIT (or
   * 503 when the owner cannot answer).
   */
  Future<DriverLedger.Granted> reserve(BookingEngine.BookRequest req, boolean count) {
    if (!rules.any()) {
      return count ? attempts.attempt(req.driverId()).map(NOTHING) : Future.succeededFuture(NOTHING);
    }
    DriverLedger.Request r = new DriverLedger.Request(req.driverId(), req.start(), req.end(), req.flexMinutes(), origin);
    return vertx.eventBus().request(address(req.driverId()), new DriverMessages.Reserve(r, count && attemptsPerMinute > 0), options)
      .compose(msg -> msg.body() instanceof Throwable e ? Future.failedFuture(e)
        : Future.succeededFuture((DriverLedger.Granted) msg.body()));
  }

  /** The charger booked {@code booking}: the reservation becomes it. */
  void booked(DriverLedger.Granted g, Booking booking) {
    if (g != NOTHING) {
      vertx.eventBus().send(address(booking.driverId()),
        new DriverMessages.Settle(booking.driverId(), g.reservation(), booking.id(), booking.start(), booking.end(), g.seat()),
        options);
    }
  }

  /** The charger refused for certain: undo the reservation. */
  void refused(DriverLedger.Granted g, long driverId) {
    if (g != NOTHING) {
      vertx.eventBus().send(address(driverId), new DriverMessages.Settle(driverId, g.reservation(), 0, null, null,
        DriverLedger.NO_SEAT), options);
    }
  }

  /** MySQL refused a driver claim the ledger did not expect: undo, and have the owner re-read the driver. */
  void stale(DriverLedger.Granted g, long driverId) {
    refused(g, driverId);
    if (rules.any()) {
      vertx.eventBus().send(address(driverId), new DriverMessages.Reread(driverId), options);
    }
  }

  /** A booking was cancelled: the driver may book that time (and one more) again. */
  void released(long driverId, long bookingId) {
    if (rules.any()) {
      vertx.eventBus().send(address(driverId), new DriverMessages.Released(driverId, bookingId), options);
    }
  }
}
