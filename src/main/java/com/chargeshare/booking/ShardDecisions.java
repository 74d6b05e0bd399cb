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
  private final LifecycleRules rules;
  private final ShardDeadlines deadlines;
  private final HoldCheck holdCheck;

  ShardDecisions(int horizonDays, ShardCalendars calendars, GroupCommitter committer, Announcer announcer,
                 ChargerRepository chargers, BookingMetrics metrics, Clock clock, LifecycleRules rules, ShardDeadlines deadlines,
                 HoldCheck holdCheck) {
    this.rules = rules;
    this.deadlines = deadlines;
    this.holdCheck = holdCheck;
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
   * (from the driver's owner, who granted {@code driver}: it also names the seat the booking takes); refuses PRICE_CHANGED when that window would cost another total
   * than the client showed, and DRIVER_OVERLAP when only the driver's own bookings stand in the way.
   */
  Future<BookingOutcome> book(Calendar cal, BookingEngine.BookRequest req, Receipt receipt, DriverLedger.Granted driver) {
    List<DriverLedger.Busy> driverBusy = driver.busy();
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
    claim.holdUntil = rules.holdUntil(now, start);
    cal.hold(claim);
    metrics.decision(System.nanoTime() - t0);
    return committer.submit(new PendingWrite.NewBooking(cal, claim, req, receipt, rescheduled, driver.seat()));
  }

  /** The window rules alone; nothing is held. */
  Future<Void> check(Calendar cal, BookingEngine.BookRequest req) {
    BookingRules.checkBooking(cal.charger(), req.start(), req.end(), clock.instant(), horizonDays);
    return Future.succeededFuture();
  }

  /**
   * Answers true once cancelled, or false when the booking is no longer what the sender read (a hold paid meanwhile):
   * the sender re-reads it, so the refund it owes is decided on what is true.
   */
  Future<Boolean> cancel(Calendar cal, ShardMessages.Cancel c) {
    Booking b = c.booking();
    Optional<Claim> claim = cal.committedClaim(Claim.Kind.BOOKING, b.id(), b.start(), b.end());
    if (claim.isEmpty() || claim.get().cancelling || !b.cancellableAt(clock.instant())) {
      return Future.failedFuture(Cancellation.refused());
    }
    Claim k = claim.get();
    if (!k.idle()) {
      return k.busy.compose(v -> cancel(cal, c));
    }
    if (k.held() != (b.status() == BookingStatus.PENDING_PAYMENT)) {
      return Future.succeededFuture(false);
    }
    // of concurrent cancels the first wins; the rest are refused here, before the database is asked
    k.cancelling = true;
    return committer.submit(new PendingWrite.Cancel(cal, k, c)).map(true);
  }

  /**
   * A hold's payment, first come first served against its expiry on this event loop: the first of them to arrive
   * decides, and whatever comes after waits for it and then sees its result.
   */
  Future<Settlement> pay(Calendar cal, ShardMessages.Pay p) {
    Booking b = p.hold();
    Optional<Claim> claim = cal.committedClaim(Claim.Kind.BOOKING, b.id(), b.start(), b.end());
    if (claim.isEmpty() || claim.get().gone || claim.get().cancelling) {
      return Future.succeededFuture(Settlement.NOT_HELD);
    }
    Claim k = claim.get();
    if (!k.idle()) {
      return k.busy.compose(v -> pay(cal, p));
    }
    if (!k.held()) {
      return Future.succeededFuture(Settlement.CONFIRMED_BEFORE);
    }
    return step(k, committer.submit(new PendingWrite.Confirm(cal, k, p.paid())))
      .map(v -> Settlement.CONFIRMED_NOW);
  }

  /** Lets a hold go at once: its order could not be made at the provider. */
  Future<Void> release(Calendar cal, ShardMessages.Release r) {
    Booking b = r.hold();
    Optional<Claim> claim = cal.committedClaim(Claim.Kind.BOOKING, b.id(), b.start(), b.end());
    if (claim.isEmpty() || claim.get().gone || !claim.get().held() || claim.get().cancelling) {
      return Future.succeededFuture();
    }
    Claim k = claim.get();
    if (!k.idle()) {
      return k.busy.compose(v -> release(cal, r));
    }
    return step(k, committer.submit(new PendingWrite.Expire(cal, k, r.why())));
  }

  /** Checks the driver in; answers when, or null when someone checked in before (the sender reads when). */
  Future<Instant> checkIn(Calendar cal, ShardMessages.CheckIn c) {
    Booking b = c.booking();
    Optional<Claim> claim = cal.committedClaim(Claim.Kind.BOOKING, b.id(), b.start(), b.end());
    Instant now = clock.instant();
    if (claim.isEmpty() || claim.get().gone || claim.get().cancelling || claim.get().held()) {
      return Future.failedFuture(LifecycleRules.checkInClosed());
    }
    Claim k = claim.get();
    if (!k.idle()) {
      return k.busy.compose(v -> checkIn(cal, c));
    }
    if (k.checkedIn) {
      return Future.succeededFuture(null);
    }
    if (!rules.checkInOpen(b.withStatus(BookingStatus.CONFIRMED), now)) {
      return Future.failedFuture(rules.checkInNotOpen(b.withStatus(BookingStatus.CONFIRMED)));
    }
    return step(k, committer.submit(new PendingWrite.CheckIn(cal, k, now, c.source())));
  }

  /** Marks the claim busy until the step's commit is over, whatever its outcome. */
  private static <T> Future<T> step(Claim k, Future<T> write) {
    k.busy = write.<Void>mapEmpty().otherwiseEmpty();
    return write;
  }

  /**
   * Every tick: holds whose time is up expire (unless the payment side finds them paid after all: then they are
   * confirmed), and confirmed bookings nobody checked in to by the deadline become no-shows. A claim busy with another
   * step is looked at again at the next tick.
   */
  void tick() {
    Instant now = clock.instant();
    for (ShardDeadlines.Due d : deadlines.due(now)) {
      Claim k = d.claim();
      Calendar cal = calendars.loaded(k.chargerId);
      if (k.gone || cal == null || !k.committed) {
        continue;
      }
      if (!k.idle() || k.cancelling) {
        deadlines.retry(d, now.plusMillis(rules.tickMillis()));
      } else if (d.expiry() && k.held()) {
        expire(cal, k);
      } else if (!d.expiry() && !k.held() && !k.checkedIn) {
        // a commit that fails (the database away) leaves the deadline due: the next tick tries again
        step(k, committer.submit(new PendingWrite.NoShow(cal, k))).onFailure(err -> deadlines.track(k));
      }
    }
  }

  /** Asks the payment side once more before letting the hold go; no answer in time lets it go as planned. */
  private void expire(Calendar cal, Claim k) {
    Future<Optional<HoldCheck.Paid>> asked = holdCheck.paid(k.id).otherwise(Optional.empty());
    k.busy = asked.compose(paid -> paid.isPresent()
        ? committer.submit(new PendingWrite.Confirm(cal, k, paid.get())).<Void>mapEmpty()
        : committer.submit(new PendingWrite.Expire(cal, k, "unpaid at its expiry")))
      // a commit that fails (the database away) leaves the hold due: the next tick tries again
      .onFailure(err -> deadlines.track(k))
      .otherwiseEmpty();
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
