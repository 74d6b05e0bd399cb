package com.chargeshare.booking;

import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.SlotTaken;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A shard owner's decisions, first come, first served in arrival order on its event loop: each write is held
 * in memory at once and handed to the group committer; its sender hears after the commit.
 */
final class ShardDecisions {

  private final int horizonDays;
  private final ShardCalendars calendars;
  private final GroupCommitter committer;
  private final Announcer announcer;
  private final ChargerRepository chargers;
  private final BookingMetrics metrics;
  private final Clock clock;

  ShardDecisions(int horizonDays, ShardCalendars calendars, GroupCommitter committer, Announcer announcer,
                 ChargerRepository chargers, BookingMetrics metrics, Clock clock) {
    this.horizonDays = horizonDays;
    this.calendars = calendars;
    this.committer = committer;
    this.announcer = announcer;
    this.chargers = chargers;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** A block that would overlap a claim; the same answer when the database finds one memory missed. */
  static SlotTaken windowTaken() {
    return new SlotTaken("Part of this window is booked or blocked already", List.of());
  }

  /**
   * Books the window, or with flex the closest free one that also avoids the driver's own bookings
   * ({@code driverBusy}, from the driver's owner); refuses PRICE_CHANGED when that window would cost another total
   * than the client showed, and DRIVER_OVERLAP when only the driver's own bookings stand in the way.
   */
  Future<BookingOutcome> book(Calendar cal, BookingEngine.BookRequest req, Receipt receipt, List<DriverLedger.Busy> driverBusy) {
    long t0 = System.nanoTime();
    Instant now = clock.instant();
    Charger c = cal.charger();
    try {
      BookingRules.checkBooking(c, req.start(), req.end(), now, horizonDays);
    } catch (DomainFailure e) {
      metrics.outcome(BookingMetrics.INVALID, 1);
      return Future.failedFuture(e);
    }
    Instant start = req.start();
    Instant end = req.end();
    boolean rescheduled = false;
    Optional<DriverLedger.Busy> ownOverlap = driverBusy.stream().filter(b -> b.overlaps(req.start(), req.end())).findFirst();
    if (!cal.free(start, end) || ownOverlap.isPresent()) {
      Optional<Window> moved = req.flexMinutes() > 0
        ? cal.flexWindow(start, end, req.flexMinutes(), now, horizonDays,
            w -> driverBusy.stream().noneMatch(b -> b.overlaps(w.start(), w.end())))
        : Optional.empty();
      if (moved.isEmpty()) {
        metrics.decision(System.nanoTime() - t0);
        metrics.outcome(BookingMetrics.REJECTED, 1);
        if (cal.free(start, end)) {
          return Future.failedFuture(DriverLedger.overlapFailure(ownOverlap.get().bookingId()));
        }
        return Future.succeededFuture(new BookingOutcome.Taken(c, cal.nearestFree(start, end, Alternatives.MAX, now, horizonDays)));
      }
      start = moved.get().start();
      end = moved.get().end();
      rescheduled = true;
    }
    long price = c.priceFor(Duration.between(start, end).toMinutes());
    if (req.expectedPriceMinor() != null && req.expectedPriceMinor() != price) {
      metrics.decision(System.nanoTime() - t0);
      metrics.outcome(BookingMetrics.INVALID, 1);
      return Future.failedFuture(BookingRules.priceChanged(c, price));
    }
    Claim claim = new Claim(Claim.Kind.BOOKING, c.id(), req.driverId(), start, end);
    cal.hold(claim);
    metrics.decision(System.nanoTime() - t0);
    return committer.submit(new PendingWrite.NewBooking(cal, claim, req, receipt, rescheduled));
  }

  /** The window rules alone; nothing is held. */
  Future<Void> check(Calendar cal, BookingEngine.BookRequest req) {
    BookingRules.checkBooking(cal.charger(), req.start(), req.end(), clock.instant(), horizonDays);
    return Future.succeededFuture();
  }

  Future<Void> cancel(Calendar cal, ShardMessages.Cancel c) {
    Booking b = c.booking();
    Optional<Claim> claim = cal.committedClaim(Claim.Kind.BOOKING, b.id(), b.start(), b.end());
    if (claim.isEmpty() || claim.get().cancelling || !b.cancellableAt(clock.instant())) {
      return Future.failedFuture(Cancellation.refused());
    }
    // of concurrent cancels the first wins; the rest are refused here, before the database is asked
    claim.get().cancelling = true;
    return committer.submit(new PendingWrite.Cancel(cal, claim.get(), c));
  }

  Future<Block> addBlock(Calendar cal, ShardMessages.AddBlock a) {
    BookingRules.checkBlock(cal.charger(), a.start(), a.end(), clock.instant(), horizonDays);
    if (!cal.free(a.start(), a.end())) {
      return Future.failedFuture(windowTaken());
    }
    Claim claim = new Claim(Claim.Kind.BLOCK, cal.charger().id(), 0, a.start(), a.end());
    cal.hold(claim);
    return committer.submit(new PendingWrite.NewBlock(cal, claim, a.reason()));
  }

  Future<Void> removeBlock(Calendar cal, ShardMessages.RemoveBlock r) {
    return cal.committedClaim(Claim.Kind.BLOCK, r.blockId(), r.start(), r.end())
      .map(claim -> committer.submit(new PendingWrite.Unblock(cal, claim)))
      .orElseGet(() -> Future.failedFuture(new NotFound("Block")));
  }

  BookingEngine.SlotGrid slots(Calendar cal, ShardMessages.Slots s) {
    return new BookingEngine.SlotGrid(cal.charger(), cal.slots(s.from(), s.to(), clock.instant()));
  }

  /** The listing changed: the calendar takes its new terms, and listeners hear when its status changed. */
  Future<Void> reload(Calendar cal) {
    long id = cal.charger().id();
    return chargers.byId(id).map(found -> {
      if (found.isEmpty()) {
        calendars.forget(id);
        return null;
      }
      Charger before = cal.charger();
      Charger after = found.get();
      cal.charger(after);
      if (before.status() != after.status()) {
        announcer.announce(cal, List.of(), ChangeEvent.Kind.STATUS);
      }
      if (before.pricePerHourMinor() != after.pricePerHourMinor() || !before.currency().equals(after.currency())) {
        // open charger pages show the new total before a driver books at it
        announcer.announce(cal, List.of(), ChangeEvent.Kind.PRICE);
      }
      return null;
    });
  }

  Future<Void> delete(Calendar cal) {
    if (cal.hasFutureBooking(clock.instant())) {
      return Future.failedFuture(new Conflict(Conflict.Reason.CHARGER_HAS_BOOKINGS,
        "This charger has future confirmed bookings; cancel them first"));
    }
    long id = cal.charger().id();
    // refuse new bookings at once, even before the delete commits
    Charger before = cal.charger();
    cal.charger(before.withStatus(ChargerStatus.OFFLINE));
    return chargers.softDelete(id)
      .onFailure(err -> cal.charger(before))
      .map(v -> {
        calendars.forget(id);
        return null;
      });
  }
}
