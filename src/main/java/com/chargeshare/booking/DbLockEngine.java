package com.chargeshare.booking;

import com.chargeshare.failure.DomainFailure;
import com.chargeshare.auth.Principal;
import com.chargeshare.charger.Charger;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.Conflict;
import com.chargeshare.db.DbFailures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The classic algorithm, kept so operators can compare: per request one transaction that locks the charger
 * row (SELECT ... FOR UPDATE), reads the claims around the window, decides, inserts and commits. Same rules
 * and answers as the sharded engine; nothing is remembered between requests.
 */
public final class DbLockEngine implements BookingEngine {

  private static final Duration ALTERNATIVES_REACH = Duration.ofDays(7);

  private final Vertx vertx;
  private final ChargerRepository chargers;
  private final BookingRepository repo;
  private final BookingMetrics metrics;
  private final int horizonDays;
  private final Alternatives alternatives;
  private final com.chargeshare.charger.Listings listings;
  private final IdAllocator bookingIds;
  private final IdAllocator blockIds;
  private final Clock clock;
  private final DbLockDriverRules driverRules;
  private final Map<Long, AtomicLong> seqs = new ConcurrentHashMap<>();
  /** The last price announced per charger, so a change of price is announced as PRICE. */
  private final Map<Long, Long> announcedPrices = new ConcurrentHashMap<>();
  private final LifecycleSettings lifecycle;
  private final LifecycleEvents events;
  private final DbLockLifecycle steps;
  private final BookingAttempts attempts;

  /** Counts booking attempts in this node's memory: the db-lock engine runs on a single node. */
  public DbLockEngine(Vertx vertx, ChargerRepository chargers, BookingRepository repo, IdSequences sequences,
                      Alternatives alternatives, BookingMetrics metrics, int horizonDays, Clock clock, DriverRules rules,
                      DriverLedgerRepository drivers, LifecycleSettings lifecycle, BookingAttempts attempts) {
    this.lifecycle = lifecycle;
    this.attempts = attempts;
    this.driverRules = new DbLockDriverRules(rules, drivers, clock);
    this.vertx = vertx;
    this.chargers = chargers;
    this.repo = repo;
    this.metrics = metrics;
    this.horizonDays = horizonDays;
    this.alternatives = alternatives;
    this.clock = clock;
    this.listings = new com.chargeshare.charger.Listings(chargers);
    this.bookingIds = new IdAllocator(sequences, "booking");
    this.blockIds = new IdAllocator(sequences, "block");
    this.events = new LifecycleEvents(vertx.eventBus());
    this.steps = new DbLockLifecycle(vertx, repo, listings, lifecycle, events, clock, this::publish);
  }

  @Override
  public String name() {
    return "db-lock";
  }

  @Override
  public boolean ready() {
    return true;
  }

  private Future<Charger> charger(long id) {
    return listings.existing(id);
  }

  /** The charger's calendar around a window, read inside the caller's transaction. */
  private Future<Calendar> calendar(SqlClient client, Charger c, Instant from, Instant to) {
    return repo.claimsOf(client, c.id(), from, to).map(claims -> {
      Calendar cal = new Calendar(c);
      claims.forEach(s -> cal.hold(s.claim()));
      return cal;
    });
  }

  @Override
  public Future<BookingOutcome> book(BookRequest req, Receipt receipt, boolean countAttempt) {
    return countAttempt ? attempts.attempt(req.driverId()).compose(v -> decide(req, receipt)) : decide(req, receipt);
  }

  @Override
  public BookingAttempts attempts() {
    return attempts;
  }

  private Future<BookingOutcome> decide(BookRequest req, Receipt receipt) {
    long t0 = System.nanoTime();
    return charger(req.chargerId()).compose(c -> {
      Instant now = clock.instant();
      try {
        BookingRules.checkBooking(c, req.start(), req.end(), now, horizonDays);
      } catch (DomainFailure e) {
        metrics.outcome(BookingMetrics.INVALID, 1);
        return Future.failedFuture(e);
      }
      Duration flex = Duration.ofMinutes(req.flexMinutes());
      // the id is taken before the transaction: reserving a new id block needs a connection of its own, and
      // asking for one while holding the transaction's could starve the pool
      // the charger's row first, then the driver's: always in this order, so two requests never wait on each other.
      // Both are locked before anything is read: InnoDB's snapshot starts at the first plain read, so the calendar
      // and the driver's bookings are read as they are once no other request can change them
      return bookingIds.take(1).compose(id -> repo.pool().withTransaction(conn -> repo.lockCharger(conn, c.id())
          .compose(found -> found ? driverRules.lock(conn, req) : Future.failedFuture(new NotFound("Charger")))
          .compose(v -> calendar(conn, c, req.start().minus(flex), req.end().plus(flex)))
          .compose(cal -> driverRules.check(conn, req).compose(granted -> {
            List<DriverLedger.Busy> busy = granted.busy();
            Predicate<Window> driverFree = w -> busy.stream().noneMatch(b -> b.overlaps(w.start(), w.end()));
            Window asked = new Window(c.id(), req.start(), req.end());
            Optional<Window> window = cal.free(req.start(), req.end()) && driverFree.test(asked) ? Optional.of(asked)
              : req.flexMinutes() > 0 ? cal.flexWindow(req.start(), req.end(), req.flexMinutes(), now, horizonDays, driverFree)
              : Optional.empty();
            metrics.decision(System.nanoTime() - t0);
            if (window.isEmpty()) {
              return cal.free(req.start(), req.end())
                ? Future.failedFuture(DriverLedger.overlapFailure(busy.stream().filter(b -> b.overlaps(req.start(), req.end()))
                    .findFirst().map(DriverLedger.Busy::bookingId).orElse(0L)))
                : Future.succeededFuture(Optional.<BookingOutcome.Confirmed>empty());
            }
            Window w = window.get();
            long price = c.priceFor(Duration.between(w.start(), w.end()).toMinutes());
            if (req.expectedPriceMinor() != null && req.expectedPriceMinor() != price) {
              return Future.failedFuture(BookingRules.priceChanged(c, price));
            }
            Instant at = clock.instant();
            Instant holdUntil = lifecycle.rules().holdUntil(now, w.start());
            Booking b = new Booking(id, c.id(), req.driverId(), w.start(), w.end(), lifecycle.rules().newStatus(), price,
              c.currency(), at.truncatedTo(ChronoUnit.MILLIS), null, null, holdUntil == null ? Life.NONE
                : Life.hold(holdUntil.truncatedTo(ChronoUnit.MILLIS)));
            BookingOutcome.Confirmed result = new BookingOutcome.Confirmed(b, !w.start().equals(req.start()));
            WriteSet ws = new WriteSet(at, driverRules.claimsUnits());
            ws.add(b, granted.seat());
            if (req.idempotencyKey() != null) {
              ws.idempotent.add(IdempotencyRepository.Kept.of(req, receipt.answer(result), now));
            }
            long c0 = System.nanoTime();
            return repo.write(conn, ws).map(v -> {
              metrics.commit(System.nanoTime() - c0, 1);
              return Optional.of(result);
            });
          }))))
        .recover(err -> DbFailures.isDuplicateKey(err, DriverLedgerRepository.CLAIM_KEY)
          ? driverRules.overlapRefusal(req.driverId(), req.start().minus(flex), req.end().plus(flex)).compose(Future::failedFuture)
          : err instanceof DriverLedgerRepository.SeatHeld ? driverRules.seatRefusal(req.driverId()).compose(Future::failedFuture)
          : DbFailures.isDuplicateKey(err) ? Future.succeededFuture(Optional.empty())
          : Future.failedFuture(err))
        .compose(result -> {
          if (result.isPresent()) {
            metrics.outcome(BookingMetrics.CONFIRMED, 1);
            Booking b = result.get().booking();
            publish(c, b.start(), b.end(), SlotState.BOOKED, ChangeEvent.Kind.BOOKED);
            if (b.status() == BookingStatus.PENDING_PAYMENT) {
              steps.held(b, c);
            } else {
              events.publish(LifecycleEvent.Kind.CONFIRMED, b, c.hostId());
            }
            return Future.succeededFuture((BookingOutcome) result.get());
          }
          metrics.outcome(BookingMetrics.REJECTED, 1);
          return taken(c, req.start(), req.end(), now);
        });
    }).onFailure(err -> {
      if (!(err instanceof DomainFailure)) {
        metrics.outcome(BookingMetrics.FAILED, 1);
      }
    });
  }

  /** Taken, with the free windows around it, read after the transaction so the lock is not held while searching. */
  private Future<BookingOutcome> taken(Charger c, Instant start, Instant end, Instant now) {
    return calendar(repo.pool(), c, start.minus(ALTERNATIVES_REACH), end.plus(ALTERNATIVES_REACH))
      .map(cal -> new BookingOutcome.Taken(c, cal.nearestFree(start, end, Alternatives.MAX, now, horizonDays)));
  }

  /** Of concurrent cancels the one whose UPDATE changes the row wins; the others are refused. */
  @Override
  public Future<Booking> cancel(long bookingId, Principal by, String reason) {
    Instant now = clock.instant();
    return Cancellation.authorizeOwned(repo, bookingId, by, now).compose(owned -> {
      Booking b = owned.booking();
      CancelledBy role = b.cancellerRole(by.id());
      WriteSet.RefundDue refund = lifecycle.refundFor(owned, role, now);
      // the row lock orders this cancel with the hold's payment: the status it read must still be the status
      return repo.pool().withTransaction(conn -> repo.lockCharger(conn, b.chargerId())
          .compose(locked -> repo.lifecycle().statusOf(conn, b.id()))
          .compose(status -> status != b.status() ? Future.succeededFuture(false)
            : repo.cancel(conn, new WriteSet.Cancel(b.id(), by.id(), role, reason, refund), clock.instant())))
        .compose(won -> won ? charger(b.chargerId()) : Future.failedFuture(Cancellation.refused()))
        .map(c -> {
          metrics.outcome(BookingMetrics.CANCELLED, 1);
          publish(c, b.start(), b.end(), SlotState.FREE, ChangeEvent.Kind.CANCELLED);
          events.publish(role == CancelledBy.HOST ? LifecycleEvent.Kind.CANCELLED_BY_HOST : LifecycleEvent.Kind.CANCELLED_BY_DRIVER, b,
            c.hostId());
          return Cancellation.cancelled(b, role, reason, refund);
        });
    });
  }

  @Override
  public Future<Paying> pay(Booking hold, HoldCheck.Paid paid) {
    return steps.pay(hold, paid);
  }

  @Override
  public Future<Void> releaseHold(Booking hold, String why) {
    return steps.releaseHold(hold, why);
  }

  @Override
  public Future<Booking> checkIn(Booking booking, CheckInSource source) {
    return steps.checkIn(booking, source);
  }

  /** Starts this node's sweeps for expired holds and no-shows. */
  public void startSweeps() {
    steps.startSweeps();
  }

  @Override
  public Future<Block> block(long chargerId, Principal host, Instant start, Instant end, String reason) {
    return charger(chargerId).compose(c -> {
      BookingRules.checkBlock(c, start, end, clock.instant(), horizonDays);
      return blockIds.take(1).compose(id -> repo.pool().withTransaction(conn -> repo.lockCharger(conn, chargerId)
          .compose(locked -> calendar(conn, c, start, end))
          .compose(cal -> {
            if (!cal.free(start, end)) {
              return Future.failedFuture(Alternatives.error(c, List.of()));
            }
            Block b = new Block(id, chargerId, start, end, reason, BlockStatus.ACTIVE);
            WriteSet ws = new WriteSet(clock.instant());
            ws.blocks.add(b);
            return repo.write(conn, ws).map(b);
          })))
        .recover(err -> DbFailures.isDuplicateKey(err) ? Future.failedFuture(Alternatives.error(c, List.of())) : Future.failedFuture(err))
        .onSuccess(b -> publish(c, start, end, SlotState.BLOCKED, ChangeEvent.Kind.BLOCKED));
    });
  }

  @Override
  public Future<Void> unblock(long chargerId, long blockId, Principal host) {
    return repo.blockById(blockId).compose(found -> {
      Block b = found.filter(k -> k.activeOn(chargerId))
        .orElseThrow(() -> new NotFound("Block"));
      return repo.pool().withTransaction(conn -> repo.lockCharger(conn, chargerId).compose(locked -> {
          WriteSet ws = new WriteSet(clock.instant());
          ws.removedBlocks.add(blockId);
          return repo.write(conn, ws);
        }))
        .compose(v -> charger(chargerId))
        .map(c -> {
          publish(c, b.start(), b.end(), SlotState.FREE, ChangeEvent.Kind.UNBLOCKED);
          return null;
        });
    });
  }

  @Override
  public Future<SlotGrid> slots(long chargerId, Instant from, Instant to) {
    return charger(chargerId).compose(c -> calendar(repo.pool(), c, from, to))
      .map(cal -> new SlotGrid(cal.charger(), cal.slots(from, to, clock.instant())));
  }

  @Override
  public Future<Map<Long, Availability>> availability(Collection<Long> chargerIds, Instant from, Instant to) {
    Instant now = clock.instant();
    Instant until = now.plus(Duration.ofDays(horizonDays + 1L));
    return chargers.byIds(chargerIds).compose(list -> repo.claimsOfMany(chargerIds, now.minus(Duration.ofDays(1)), until)
      .map(claims -> {
        Map<Long, Calendar> cals = new HashMap<>();
        list.forEach(c -> cals.put(c.id(), new Calendar(c)));
        claims.forEach(s -> {
          Calendar cal = cals.get(s.chargerId());
          if (cal != null) {
            cal.hold(s.claim());
          }
        });
        Map<Long, Availability> out = new HashMap<>();
        cals.forEach((id, cal) -> out.put(id, cal.availability(now, from, to, horizonDays)));
        return out;
      }));
  }

  @Override
  public Future<Void> chargerChanged(long chargerId) {
    alternatives.forget();
    return charger(chargerId).map(c -> {
      Long before = announcedPrices.put(c.id(), c.pricePerHourMinor());
      publish(c, null, null, null, before != null && before != c.pricePerHourMinor() ? ChangeEvent.Kind.PRICE : ChangeEvent.Kind.STATUS);
      return null;
    });
  }

  @Override
  public Future<Void> deleteCharger(long chargerId) {
    return repo.pool().withTransaction(conn -> repo.lockCharger(conn, chargerId)
      .compose(found -> found ? repo.countFutureBookings(conn, chargerId, clock.instant()) : Future.failedFuture(new NotFound("Charger")))
      .compose(n -> n > 0
        ? Future.failedFuture(new Conflict(Conflict.Reason.CHARGER_HAS_BOOKINGS, "This charger has future confirmed bookings; cancel them first"))
        : chargers.softDelete(conn, chargerId).mapEmpty()));
  }

  /**
   * Announces a committed change. Nothing is remembered here, so "free now" is one indexed look at the current
   * slot's claims; seq is per node and taken at publish time, so two near-simultaneous commits may be announced
   * out of order, which clients see as a gap and answer by re-reading the slots.
   */
  /** A booking's step, after its commit, for listeners on this node (see {@link LifecycleEvent}). */
  private void publish(Charger c, Instant start, Instant end, String status, ChangeEvent.Kind kind) {
    List<SlotState> changes = start == null ? List.of() : List.of(new SlotState(start, end, status));
    Instant now = clock.instant();
    Instant current = Units.slotStart(now, c.timeZone(), c.slotMinutes());
    Instant next = Units.nextBoundary(current, c.timeZone(), c.slotMinutes());
    repo.anyClaim(c.id(), current, next).onComplete(ar -> {
      boolean free = ar.succeeded() && !ar.result() && c.online() && c.openingHours().covers(current, next, c.timeZone());
      long seq = seqs.computeIfAbsent(c.id(), id -> new AtomicLong()).incrementAndGet();
      vertx.eventBus().publish(ChangeEvent.ADDRESS, new ChangeEvent(c.id(), seq, changes, c.status(), free, c.lat(),
        c.lng(), System.nanoTime(), kind, c.hostId(), c.pricePerHourMinor(), c.currency()), LocalCodec.OPTIONS);
    });
  }
}
