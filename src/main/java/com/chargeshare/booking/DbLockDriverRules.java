package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.util.List;

/**
 * The driver rules inside a db-lock transaction: once the charger's row is locked, the driver's row is locked too
 * (always in that order), the driver's upcoming bookings are read under that lock and the very rules of
 * {@link DriverLedger} decide. A driver's requests thus queue on their row, as a charger's do on theirs.
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

  /** The driver's bookings a flex window must avoid, or a failure with DRIVER_OVERLAP / BOOKING_LIMIT. */
  Future<List<DriverLedger.Busy>> check(SqlConnection conn, BookingEngine.BookRequest req) {
    if (!rules.any()) {
      return Future.succeededFuture(List.of());
    }
    DriverLedger.Request r = new DriverLedger.Request(req.driverId(), req.start(), req.end(), req.flexMinutes());
    return repo.lockDriver(conn, req.driverId())
      .compose(v -> repo.upcomingOf(conn, req.driverId(), clock.instant()))
      .compose(held -> {
        DriverLedger.Outcome o = DriverLedger.decideAlone(rules, clock, r, held);
        return o instanceof DriverLedger.Granted g ? Future.succeededFuture(g.busy())
          : Future.failedFuture(((DriverLedger.Refused) o).failure());
      });
  }

  /** Whether bookings claim their driver's units in MySQL too. */
  boolean claimsUnits() {
    return !rules.allowOverlap();
  }

  /** The booking MySQL's driver key found in the way, named in DRIVER_OVERLAP. */
  Future<Throwable> overlapRefusal(long driverId, java.time.Instant start, java.time.Instant end) {
    return repo.holderOf(driverId, start, end).map(id -> (Throwable) DriverLedger.overlapFailure(id))
      .otherwise(err -> DriverLedger.overlapFailure(0));
  }
}
