package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.DomainFailure;
import com.chargeshare.failure.NotFound;
import com.chargeshare.failure.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The sender side of the sharded engine: every command goes to the shard address that owns the charger
 * (a stable function of its id), never to a verticle instance, so ownership could move across a cluster.
 */
public final class EventBusEngine implements BookingEngine {

  /** How long a command waits for a shard that has no owner right now before it is answered 503. */
  static final long HANDOVER_WAIT_MILLIS = 5_000;

  private final Vertx vertx;
  private final int shards;
  private final ShardReadiness readiness;
  private final BookingRepository repo;
  private final Alternatives alternatives;
  private final BookingMetrics metrics;
  private final Clock clock;
  private final DriverSide drivers;
  private final ShardReadiness ledgers;
  private final DeliveryOptions options = new DeliveryOptions().setCodecName(LocalCodec.NAME).setSendTimeout(15_000);
  private final IntConsumer sent;
  private final LifecycleSettings lifecycle;

  /** {@code sent} hears the shard of every command sent (a cluster counts the hops to other nodes). */
  public EventBusEngine(Vertx vertx, int shards, ShardReadiness readiness, BookingRepository repo, Alternatives alternatives,
                        BookingMetrics metrics, Clock clock, DriverSide drivers, ShardReadiness ledgers, IntConsumer sent,
                        LifecycleSettings lifecycle) {
    this.lifecycle = lifecycle;
    this.sent = sent;
    this.drivers = drivers;
    this.ledgers = ledgers;
    this.vertx = vertx;
    this.metrics = metrics;
    this.shards = shards;
    this.readiness = readiness;
    this.repo = repo;
    this.alternatives = alternatives;
    this.clock = clock;
  }

  public static int shardOf(long chargerId, int shards) {
    return (int) Math.floorMod(chargerId, (long) shards);
  }

  public ShardReadiness readiness() {
    return readiness;
  }

  public BookingMetrics metrics() {
    return metrics;
  }

  @Override
  public String name() {
    return "event-bus";
  }

  /** The driver ledgers of this node that have rebuilt their memory. */
  public ShardReadiness ledgerReadiness() {
    return ledgers;
  }

  public DriverSide drivers() {
    return drivers;
  }

  /** What each shard owner needs for its bookings' lifecycle. */
  public ShardLifecycle shardLifecycle() {
    return new ShardLifecycle(lifecycle.rules(), lifecycle.holdCheck(), drivers, lifecycle.notices());
  }

  @Override
  public boolean ready() {
    return readiness.all() && (!drivers.usesLedger() || ledgers.all());
  }

  @Override
  public BookingAttempts attempts() {
    return drivers.attempts();
  }

  private <T> Future<T> ask(ShardMessages.Command cmd) {
    return ask(cmd, System.currentTimeMillis() + HANDOVER_WAIT_MILLIS, 20);
  }

  /**
   * While a shard changes hands (rebuilt on a new owner, or handed over in a cluster) its address has no consumer
   * for a moment: the command was delivered to no one, so it is safe to send again, a little later, for a while.
   */
  private <T> Future<T> ask(ShardMessages.Command cmd, long deadline, long backoffMillis) {
    int shard = shardOf(cmd.chargerId(), shards);
    sent.accept(shard);
    return vertx.eventBus().<ShardMessages.Reply>request(BookingShardVerticle.address(shard), cmd, options)
      .compose(msg -> msg.body().<T>future(), err -> {
        if (err instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
          && System.currentTimeMillis() + backoffMillis < deadline) {
          return vertx.timer(backoffMillis).compose(v -> ask(cmd, deadline, Math.min(backoffMillis * 2, 500)));
        }
        return Future.failedFuture(err);
      });
  }

  /**
   * Reserves on the driver's owner first, then asks the charger's owner, then settles the reservation with the
   * charger's answer. An answer that is not certain (a timeout, a failed commit) settles nothing: the reservation
   * lapses with its lease and the driver's owner re-reads MySQL. The driver's owner counts the attempt on the same
   * message.
   */
  @Override
  public Future<BookingOutcome> book(BookRequest request, Receipt receipt, boolean countAttempt) {
    return drivers.reserve(request, countAttempt)
      // a request that breaks a window rule hears that first, as it would without the driver rules
      .recover(refused -> refused instanceof Conflict ? ask(new ShardMessages.Check(request)).compose(v -> Future.failedFuture(refused))
        : Future.failedFuture(refused))
      .compose(granted -> this.<BookingOutcome>ask(new ShardMessages.Book(request, receipt, granted))
      .andThen(ar -> {
        long driverId = request.driverId();
        if (ar.succeeded()) {
          ar.result().either(confirmed -> {
            drivers.booked(granted, confirmed.booking());
            return null;
          }, taken -> {
            drivers.refused(granted, driverId);
            return null;
          });
        } else if (ar.cause() instanceof Conflict c
          && (c.reason() == Conflict.Reason.DRIVER_OVERLAP || c.reason() == Conflict.Reason.BOOKING_LIMIT)) {
          // the charger's owner refuses these only on MySQL's word: the driver's owner missed a booking
          drivers.stale(granted, driverId);
        } else if (ar.cause() instanceof DomainFailure && !(ar.cause() instanceof Unavailable)) {
          drivers.refused(granted, driverId);
        }
      }));
  }

  @Override
  public Future<Booking> cancel(long bookingId, Principal by, String reason) {
    return cancel(bookingId, by, reason, 3);
  }

  /** The owner answers false when the booking changed since it was read (a hold paid meanwhile): read it again. */
  private Future<Booking> cancel(long bookingId, Principal by, String reason, int tries) {
    Instant now = clock.instant();
    return Cancellation.authorizeOwned(repo, bookingId, by, now).compose(owned -> {
      Booking b = owned.booking();
      CancelledBy role = b.cancellerRole(by.id());
      WriteSet.RefundDue refund = lifecycle.refundFor(owned, role, now);
      return this.<Boolean>ask(new ShardMessages.Cancel(b, by.id(), role, reason, refund)).compose(done -> {
        if (!done) {
          return tries > 1 ? cancel(bookingId, by, reason, tries - 1) : Future.failedFuture(Cancellation.refused());
        }
        drivers.released(b.driverId(), b.id());
        return Future.succeededFuture(Cancellation.cancelled(b, role, reason, refund));
      });
    });
  }

  @Override
  public Future<Paying> pay(Booking hold, HoldCheck.Paid paid) {
    return this.<Settlement>ask(new ShardMessages.Pay(hold, paid))
      .compose(settled -> repo.byId(hold.id()).map(found -> new Paying(settled, found.orElseThrow().booking())));
  }

  @Override
  public Future<Void> releaseHold(Booking hold, String why) {
    return ask(new ShardMessages.Release(hold, why));
  }

  @Override
  public Future<Booking> checkIn(Booking booking, CheckInSource source) {
    if (booking.life().checkedInAt() != null) {
      return Future.succeededFuture(booking);
    }
    if (!lifecycle.rules().checkInOpen(booking, clock.instant())) {
      return Future.failedFuture(booking.status() == BookingStatus.CONFIRMED ? lifecycle.rules().checkInNotOpen(booking)
        : LifecycleRules.checkInClosed());
    }
    return this.<Instant>ask(new ShardMessages.CheckIn(booking, source)).compose(at -> at != null
      ? Future.succeededFuture(booking.withLife(booking.life().checkedIn(at, source)))
      : repo.byId(booking.id()).map(found -> found.orElseThrow().booking()));
  }

  @Override
  public Future<Block> block(long chargerId, Principal host, Instant start, Instant end, String reason) {
    return ask(new ShardMessages.AddBlock(chargerId, start, end, reason));
  }

  @Override
  public Future<Void> unblock(long chargerId, long blockId, Principal host) {
    return repo.blockById(blockId).compose(found -> {
      Block b = found.filter(k -> k.activeOn(chargerId))
        .orElseThrow(() -> new NotFound("Block"));
      return ask(new ShardMessages.RemoveBlock(chargerId, blockId, b.start(), b.end())).mapEmpty();
    });
  }

  @Override
  public Future<SlotGrid> slots(long chargerId, Instant from, Instant to) {
    return ask(new ShardMessages.Slots(chargerId, from, to));
  }

  @Override
  public Future<Map<Long, Availability>> availability(Collection<Long> chargerIds, Instant from, Instant to) {
    Map<Integer, List<Long>> byShard = new HashMap<>();
    chargerIds.forEach(id -> byShard.computeIfAbsent(shardOf(id, shards), s -> new ArrayList<>()).add(id));
    List<Future<Map<Long, Availability>>> parts = new ArrayList<>();
    byShard.values().forEach(ids -> parts.add(ask(new ShardMessages.Avail(ids.get(0), ids, from, to))));
    return Future.all(parts).map(all -> {
      Map<Long, Availability> out = new HashMap<>();
      parts.forEach(p -> out.putAll(p.result()));
      return out;
    });
  }

  @Override
  public Future<Void> chargerChanged(long chargerId) {
    alternatives.forget();
    return ask(new ShardMessages.Reload(chargerId)).mapEmpty();
  }

  @Override
  public Future<Void> deleteCharger(long chargerId) {
    return ask(new ShardMessages.Delete(chargerId)).mapEmpty();
  }
}
