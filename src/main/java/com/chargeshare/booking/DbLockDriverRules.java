package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.util.List;

/**
 * The driver rules inside a db-lock transaction: once the charger's row is locked, the driver's row is locked too
 * (always in that order), the driver's upcoming bookings are read under that lock and the very rules of
 * {@link DriverLedger} decide. A driver's requests thus queue on their row, as a charger's do on theirs. The lock
 * comes before the transaction's first plain read, whose snapshot then holds every booking committed before it.
 */
final class DbLockDriverRules {

  private final DriverRules rules;
  private final DriverLedgerRepository repo;
  private final Clock clock;

  DbLockDriverRules(DriverRules rules, DriverLedgerRepository repo, Clock clock) {
    this.rules = rules;
    this.repo = repo;
    this.clock = clock;
  }

  /**
   * The driver's bookings a flex window must avoid and the seat the booking takes, or a failure with DRIVER_OVERLAP /
   * BOOKING_LIMIT.
   */
  Future<DriverLedger.Granted> check(SqlConnection conn, BookingEngine.BookRequest req) {
    if (!rules.any()) {
      return Future.succeededFuture(DriverSide.NOTHING);
    }
    DriverLedger.Request r = new DriverLedger.Request(req.driverId(), req.start(), req.end(), req.flexMinutes());
    return repo.upcomingOf(conn, req.driverId(), clock.instant())
      .compose(held -> {
        DriverLedger.Outcome o = DriverLedger.decideAlone(rules, clock, r, held);
        return o instanceof DriverLedger.Granted g ? Future.succeededFuture(g)
          : Future.failedFuture(((DriverLedger.Refused) o).failure());
      });
  }

  /** Whether bookings claim their driver's units in MySQL too. */
  boolean claimsUnits() {
    return !rules.allowOverlap();
  }

  /** Locks the driver's row for the rest of the transaction, when there is a driver rule to decide. */
  Future<Void> lock(SqlConnection conn, BookingEngine.BookRequest req) {
    return rules.any() ? repo.lockDriver(conn, req.driverId()) : Future.succeededFuture();
  }

  /** The booking's seat was held in MySQL: the driver's limit, or a seat this decision missed. */
  Future<Throwable> seatRefusal(long driverId) {
    return SeatRefusal.of(repo, rules, driverId, clock.instant());
  }

  /** The booking MySQL's driver key found in the way, named in DRIVER_OVERLAP. */
  Future<Throwable> overlapRefusal(long driverId, java.time.Instant start, java.time.Instant end) {
    return repo.holderOf(driverId, start, end).map(id -> (Throwable) DriverLedger.overlapFailure(id))
      .otherwise(err -> DriverLedger.overlapFailure(0));
  }
}
