package com.chargeshare.booking;

import com.chargeshare.charger.Charger;
import com.chargeshare.charger.Listings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The db-lock engine's lifecycle steps (a hold paid or expired, a check-in, a no-show): each one transaction under the
 * charger's row lock whose UPDATE names the state it needs, and this node's sweeps for what is due.
 */
final class DbLockLifecycle {

  /** How the engine pushes a committed change live. */
  @FunctionalInterface
  interface Publisher {
    void publish(Charger c, Instant start, Instant end, String status, ChangeEvent.Kind kind);
  }

  private final Vertx vertx;
  private final BookingRepository repo;
  private final Listings listings;
  private final LifecycleSettings lifecycle;
  private final LifecycleEvents events;
  private final Clock clock;
  private final Publisher publish;
  private boolean sweeping;

  DbLockLifecycle(Vertx vertx, BookingRepository repo, Listings listings, LifecycleSettings lifecycle, LifecycleEvents events,
                  Clock clock, Publisher publish) {
    this.vertx = vertx;
    this.repo = repo;
    this.listings = listings;
    this.lifecycle = lifecycle;
    this.events = events;
    this.clock = clock;
    this.publish = publish;
  }

  /** A hold was committed: its listeners hear it. */
  void held(Booking b, Charger c) {
    events.publish(LifecycleEvent.Kind.HELD, b, c.hostId());
  }

  Future<BookingEngine.Paying> pay(Booking hold, HoldCheck.Paid paid) {
    WriteSet ws = new WriteSet(clock.instant());
    ws.confirms.add(new WriteSet.Confirm(hold.id(), paid.orderId(), paid.paymentId()));
    return step(hold, ws).compose(won -> repo.byId(hold.id()).map(found -> {
      Booking now = found.orElseThrow().booking();
      if (won) {
        return new BookingEngine.Paying(Settlement.CONFIRMED_NOW, now);
      }
      return new BookingEngine.Paying(now.status() == BookingStatus.CONFIRMED || now.status() == BookingStatus.NO_SHOW
        ? Settlement.CONFIRMED_BEFORE : Settlement.NOT_HELD, now);
    }));
  }

  Future<Void> releaseHold(Booking hold, String why) {
    WriteSet ws = new WriteSet(clock.instant());
    ws.expiries.add(new WriteSet.Release(hold.id(), why));
    return step(hold, ws).mapEmpty();
  }

  Future<Booking> checkIn(Booking booking, CheckInSource source) {
    if (booking.life().checkedInAt() != null) {
      return Future.succeededFuture(booking);
    }
    Instant now = clock.instant();
    if (!lifecycle.rules().checkInOpen(booking, now)) {
      return Future.failedFuture(booking.status() == BookingStatus.CONFIRMED ? lifecycle.rules().checkInNotOpen(booking)
        : LifecycleRules.checkInClosed());
    }
    WriteSet ws = new WriteSet(now);
    ws.checkIns.add(new WriteSet.CheckIn(booking.id(), now.truncatedTo(ChronoUnit.MILLIS), source));
    return step(booking, ws).compose(won -> repo.byId(booking.id()).compose(found -> {
      Booking after = found.orElseThrow().booking();
      return after.life().checkedInAt() != null ? Future.succeededFuture(after) : Future.failedFuture(LifecycleRules.checkInClosed());
    }));
  }

  /**
   * One lifecycle step in its own transaction under the charger's row lock; its UPDATE names the state it needs, so
   * of a payment and an expiry racing for one hold (or a check-in and a no-show) exactly one changes the row. After
   * the commit the change is pushed live and told to the lifecycle's listeners.
   */
  private Future<Boolean> step(Booking b, WriteSet ws) {
    return repo.pool().withTransaction(conn -> repo.lockCharger(conn, b.chargerId()).compose(locked -> repo.lifecycle().step(conn, ws, repo::freeUnits)))
      .compose(won -> !won ? Future.succeededFuture(false) : listings.existing(b.chargerId()).map(c -> {
        if (!ws.confirms.isEmpty()) {
          events.publish(LifecycleEvent.Kind.CONFIRMED, b, c.hostId());
          events.publish(LifecycleEvent.Kind.PAYMENT_RECEIVED, b, c.hostId());
        } else if (!ws.expiries.isEmpty() || !ws.noShows.isEmpty()) {
          boolean expiry = !ws.expiries.isEmpty();
          Instant now = clock.instant();
          Instant from = b.start().isBefore(now) ? Units.slotStart(now, c.timeZone(), c.slotMinutes()) : b.start();
          if (from.isBefore(b.end())) {
            publish.publish(c, from, b.end(), SlotState.FREE, expiry ? ChangeEvent.Kind.EXPIRED : ChangeEvent.Kind.NO_SHOW);
          }
          events.publish(expiry ? LifecycleEvent.Kind.EXPIRED : LifecycleEvent.Kind.NO_SHOW, b, c.hostId());
        } else {
          events.publish(LifecycleEvent.Kind.CHECKED_IN, b, c.hostId());
        }
        return true;
      }));
  }

  /**
   * Runs every {@code tickMillis} on each node: holds whose time is up expire (unless the payment side finds them
   * paid: then confirmed), and confirmed bookings nobody checked in to by the deadline become no-shows. Nodes may
   * sweep side by side: each step's UPDATE changes a row once.
   */
  void startSweeps() {
    vertx.setPeriodic(lifecycle.rules().tickMillis(), id -> {
      if (sweeping) {
        return;
      }
      sweeping = true;
      sweep().onComplete(ar -> sweeping = false);
    });
  }

  private Future<Void> sweep() {
    Instant now = clock.instant();
    Instant startedBy = now.minus(Duration.ofMinutes(lifecycle.rules().noShowMinutes()));
    return repo.lifecycle().dueHolds(now, 100).compose(holds -> {
      Future<Void> chain = Future.succeededFuture();
      for (Booking h : holds) {
        chain = chain.compose(v -> lifecycle.holdCheck().paid(h.id()).otherwise(Optional.empty())
          .compose(paid -> paid.isPresent() ? pay(h, paid.get()).<Void>mapEmpty() : releaseHold(h, "unpaid at its expiry"))
          .otherwiseEmpty());
      }
      return chain;
    }).compose(v -> repo.lifecycle().dueNoShows(startedBy, now.minus(Duration.ofHours(1)), 100)).compose(due -> {
      Future<Void> chain = Future.succeededFuture();
      for (Booking b : due) {
        WriteSet ws = new WriteSet(clock.instant());
        ws.noShows.add(b.id());
        chain = chain.compose(v -> step(b, ws).<Void>mapEmpty().otherwiseEmpty());
      }
      return chain;
    });
  }

}
