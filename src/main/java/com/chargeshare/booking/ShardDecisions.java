package com.chargeshare.booking;

import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.SlotTaken;
import io.vertx.core.Future;

import java.time.Clock;
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

  Future<BookingOutcome> book(Calendar cal, BookingEngine.BookRequest req, Receipt receipt) {
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
    if (!cal.free(start, end)) {
      Optional<Window> moved = req.flexMinutes() > 0 ? cal.flexWindow(start, end, req.flexMinutes(), now, horizonDays) : Optional.empty();
      if (moved.isEmpty()) {
        metrics.decision(System.nanoTime() - t0);
        metrics.outcome(BookingMetrics.REJECTED, 1);
        return Future.succeededFuture(new BookingOutcome.Taken(c, cal.nearestFree(start, end, Alternatives.MAX, now, horizonDays)));
      }
      start = moved.get().start();
      end = moved.get().end();
      rescheduled = true;
    }
    Claim claim = new Claim(Claim.Kind.BOOKING, c.id(), req.driverId(), start, end);
    cal.hold(claim);
    metrics.decision(System.nanoTime() - t0);
    return committer.submit(new PendingWrite.NewBooking(cal, claim, req, receipt, rescheduled));
  }

  Future<Void> cancel(Calendar cal, ShardMessages.Cancel c) {
    Booking b = c.booking();
    Optional<Claim> claim = cal.committedClaim(Claim.Kind.BOOKING, b.id(), b.start(), b.end());
    if (claim.isEmpty() || !b.cancellableAt(clock.instant())) {
      return Future.failedFuture(Cancellation.refused());
    }
    return committer.submit(new PendingWrite.Cancel(cal, claim.get(), c.byUserId()));
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
      String before = cal.charger().status();
      cal.charger(found.get());
      if (!before.equals(found.get().status())) {
        announcer.announce(cal, List.of(), ChangeEvent.Kind.STATUS);
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
    cal.charger(before.withStatus("OFFLINE"));
    return chargers.softDelete(id)
      .onFailure(err -> cal.charger(before))
      .map(v -> {
        calendars.forget(id);
        return null;
      });
  }
}
