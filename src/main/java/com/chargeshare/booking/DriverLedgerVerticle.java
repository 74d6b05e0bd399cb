package com.chargeshare.booking;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The one owner of the drivers of its ledger shard (driver id mod N): it holds their {@link DriverLedger} and answers
 * over the event bus at {@link #address(int)}, so the owner of a driver is found by address, never by instance, and
 * may live on any node of a cluster. It rebuilds its memory from MySQL before it registers; until then senders get
 * no handler and answer 503. It also counts its drivers' booking attempts per minute, on the reservation each request
 * asks for anyway, so a cluster counts each driver in one place at no extra message; the count is memory only, and
 * a new owner starts its drivers' minute afresh.
 */
public final class DriverLedgerVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(DriverLedgerVerticle.class);
  private static final long EXPIRY_PERIOD_MILLIS = 2_000;
  private static final long SWEEP_PERIOD_MILLIS = 60_000;
  private static final long FORGET_PERIOD_MILLIS = 60_000;

  private final int shard;
  private final int shards;
  private final DriverLedgerRepository repo;
  private final ShardReadiness readiness;
  private final Clock clock;
  private final DriverLedger ledger;
  private final DriverRules rules;
  private final LocalBookingAttempts attempts;
  private MessageConsumer<DriverMessages.Command> consumer;
  private MessageConsumer<String> left;

  /** {@code attemptsPerMinute}: booking attempts a driver may make a minute, 0 = no limit (nothing counted). */
  public DriverLedgerVerticle(int shard, int shards, DriverRules rules, int attemptsPerMinute, DriverLedgerRepository repo,
                              ShardReadiness readiness, Clock clock) {
    this.shard = shard;
    this.rules = rules;
    this.attempts = attemptsPerMinute > 0 ? new LocalBookingAttempts(attemptsPerMinute, clock) : null;
    this.shards = shards;
    this.repo = repo;
    this.readiness = readiness;
    this.clock = clock;
    this.ledger = new DriverLedger(rules, clock);
  }

  /**
   * Local address on which a clustered node publishes the node id of a member that left: reservations it sent
   * lapse at once instead of after their lease.
   */
  public static final String MEMBER_LEFT = "chargeshare.cluster.member-left";

  public static String address(int shard) {
    return "chargeshare.booking.driver." + shard;
  }

  public static int shardOf(long driverId, int shards) {
    return (int) Math.floorMod(driverId, (long) shards);
  }

  @Override
  public Future<?> start() {
    long t0 = System.nanoTime();
    // with the driver rules off it only counts attempts: there is nothing to rebuild
    var upcoming = rules.any() ? repo.upcomingOfShard(shard, shards, clock.instant())
      : Future.succeededFuture(List.<DriverLedger.Held>of());
    return upcoming.map(held -> {
      held.forEach(ledger::restore);
      consumer = vertx.eventBus().consumer(address(shard), this::onMessage);
      left = vertx.eventBus().<String>localConsumer(MEMBER_LEFT, msg -> memberLeft(msg.body()));
      readiness.ready(shard);
      vertx.setPeriodic(EXPIRY_PERIOD_MILLIS, id -> expire());
      vertx.setPeriodic(FORGET_PERIOD_MILLIS, id -> ledger.forgetEnded());
      if (attempts != null) {
        vertx.setPeriodic(SWEEP_PERIOD_MILLIS, id -> attempts.sweep());
      }
      log.info("Driver ledger {}/{} rebuilt {} upcoming bookings of {} drivers in {} ms", shard, shards, held.size(),
        ledger.size(), (System.nanoTime() - t0) / 1_000_000);
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    readiness.notReady(shard);
    if (left != null) {
      left.unregister();
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void onMessage(Message<DriverMessages.Command> msg) {
    DriverMessages.Command cmd = msg.body();
    if (cmd instanceof DriverMessages.Reserve r) {
      long wait = r.count() ? waitMillis(r.driverId()) : 0;
      if (wait > 0) {
        msg.reply(BookingAttempts.refusal(wait), LocalCodec.OPTIONS);
      } else {
        ledger.reserve(r.request(), outcome -> msg.reply(outcome instanceof DriverLedger.Refused refused ? refused.failure()
          : outcome, LocalCodec.OPTIONS));
      }
    } else if (cmd instanceof DriverMessages.Count c) {
      msg.reply(waitMillis(c.driverId()), LocalCodec.OPTIONS);
    } else if (cmd instanceof DriverMessages.Settle s) {
      ledger.settle(s.driverId(), s.reservation(), s.bookingId(), s.start(), s.end(), s.seat());
    } else if (cmd instanceof DriverMessages.Released r) {
      ledger.released(r.driverId(), r.bookingId());
    } else if (cmd instanceof DriverMessages.Reread r) {
      reread(r.driverId());
    }
  }

  /** Counts one booking attempt of the driver: 0 when allowed (or nothing is counted), else how long to wait. */
  private long waitMillis(long driverId) {
    return attempts == null ? 0 : attempts.take(driverId);
  }

  /** Reservations sent by a node that left lapse now: MySQL says what they booked. */
  private void memberLeft(String nodeId) {
    var drivers = ledger.senderGone(nodeId);
    if (!drivers.isEmpty()) {
      log.info("Driver ledger {}: reservations of {} drivers lapsed with a member that left; re-reading them", shard,
        drivers.size());
      drivers.forEach(this::reread);
    }
  }

  /** Lapsed reservations: their senders never settled them, so MySQL says what was booked. */
  private void expire() {
    ledger.expire().forEach(this::reread);
  }

  private void reread(long driverId) {
    repo.upcomingOf(driverId, clock.instant())
      .onSuccess(bookings -> ledger.learn(driverId, bookings))
      .onFailure(err -> log.warn("Driver ledger {} could not re-read driver {}: {}", shard, driverId, err.toString()));
  }
}
