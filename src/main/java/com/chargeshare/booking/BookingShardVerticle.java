package com.chargeshare.booking;

import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.db.DbFailures;
import com.chargeshare.failure.DomainFailure;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The one owner of the calendars of its shard's chargers. It rebuilds them from MySQL before taking a request,
 * then hands each command to its decisions ({@link ShardDecisions}), which hold slots in memory at once and
 * write them in group commits ({@link GroupCommitter}). A client hears CONFIRMED only after its booking's
 * transaction committed.
 */
public final class BookingShardVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BookingShardVerticle.class);

  private final int shard;
  private final int shards;
  private final Settings settings;
  private final ChargerRepository chargers;
  private final BookingRepository repo;
  private final IdSequences sequences;
  private final BookingMetrics metrics;
  private final ShardReadiness readiness;
  private final Clock clock;
  private final ShardTenure tenure;
  private final ShardLifecycle lifecycle;
  private long ticker = -1;

  private ShardCalendars calendars;
  private ShardDecisions decisions;
  private GroupCommitter committer;
  private MessageConsumer<ShardMessages.Command> consumer;

  /**
   * How a shard batches its commits, how far ahead it books, and whether bookings also claim their driver's units in
   * MySQL (the one-car rule is on).
   */
  public record Settings(int maxBatch, int maxInFlight, int horizonDays, boolean claimDriverUnits) {
  }

  public BookingShardVerticle(int shard, int shards, Settings settings, ChargerRepository chargers, BookingRepository repo,
                              IdSequences sequences, BookingMetrics metrics, ShardReadiness readiness, Clock clock,
                              ShardTenure tenure, ShardLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.shard = shard;
    this.shards = shards;
    this.settings = settings;
    this.chargers = chargers;
    this.repo = repo;
    this.sequences = sequences;
    this.metrics = metrics;
    this.readiness = readiness;
    this.clock = clock;
    this.tenure = tenure;
  }

  public static String address(int shard) {
    return "chargeshare.booking.shard." + shard;
  }

  @Override
  public Future<?> start() {
    int horizonDays = settings.horizonDays();
    Announcer announcer = new Announcer(vertx.eventBus(), clock, horizonDays, tenure.seqBase());
    ShardDeadlines deadlines = new ShardDeadlines(lifecycle.rules());
    ShardEffects effects = new ShardEffects(announcer, metrics, new LifecycleEvents(vertx.eventBus()), lifecycle.drivers(), deadlines);
    committer = new GroupCommitter(shard, settings, repo, sequences, effects, lifecycle.notices(), clock,
      tenure.fence());
    calendars = new ShardCalendars(shard, shards, horizonDays, chargers, repo, clock, deadlines);
    decisions = new ShardDecisions(horizonDays, calendars, committer, announcer, chargers, metrics, clock, lifecycle.rules(),
      deadlines, lifecycle.holdCheck());
    metrics.queueDepth(shard, committer::queued);
    long t0 = System.nanoTime();
    // rebuild memory from MySQL before taking a single request: until the consumer exists senders get 503
    return calendars.rebuild().map(claims -> {
      consumer = vertx.eventBus().consumer(address(shard), this::onMessage);
      readiness.ready(shard);
      log.info("Booking shard {}/{} rebuilt {} chargers and {} future claims in {} ms", shard, shards,
        calendars.size(), claims, (System.nanoTime() - t0) / 1_000_000);
      vertx.setPeriodic(3_600_000, id -> calendars.prune());
      // hold expiries and no-shows are decided here, by the owner, in the same order as every other write
      ticker = vertx.setPeriodic(lifecycle.rules().tickMillis(), id -> decisions.tick());
      return null;
    });
  }

  /** Hands over cleanly: no new commands, then the queued writes and the commits in flight finish. */
  @Override
  public Future<?> stop() {
    readiness.notReady(shard);
    if (ticker >= 0) {
      vertx.cancelTimer(ticker);
    }
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return committer == null ? unregistered : unregistered.compose(v -> committer.drained());
  }

  private void onMessage(Message<ShardMessages.Command> msg) {
    ShardMessages.Command cmd = msg.body();
    Future<?> answer;
    try {
      // availability covers many chargers and needs none of them loaded; the rest act on one calendar
      answer = cmd instanceof ShardMessages.Avail a ? Future.succeededFuture(calendars.availability(a.chargerIds(), a.from(), a.to()))
        : calendars.of(cmd.chargerId()).compose(cal -> handle(cal, cmd));
    } catch (DomainFailure e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new ShardMessages.Done(ar.result()), LocalCodec.OPTIONS);
        return;
      }
      Throwable err = ar.cause();
      msg.reply(new ShardMessages.Failed(err), LocalCodec.OPTIONS);
      if (!(err instanceof DomainFailure) && !DbFailures.isUnavailable(err)) {
        log.error("Shard {} failed on {}", shard, cmd.getClass().getSimpleName(), err);
      }
    });
  }

  private Future<?> handle(Calendar cal, ShardMessages.Command cmd) {
    if (cmd instanceof ShardMessages.Book b) {
      return decisions.book(cal, b.request(), b.receipt(), b.driver());
    } else if (cmd instanceof ShardMessages.Check c) {
      return decisions.check(cal, c.request());
    } else if (cmd instanceof ShardMessages.Cancel c) {
      return decisions.cancel(cal, c);
    } else if (cmd instanceof ShardMessages.AddBlock a) {
      return decisions.addBlock(cal, a);
    } else if (cmd instanceof ShardMessages.RemoveBlock r) {
      return decisions.removeBlock(cal, r);
    } else if (cmd instanceof ShardMessages.Slots s) {
      return Future.succeededFuture(decisions.slots(cal, s));
    } else if (cmd instanceof ShardMessages.Pay p) {
      return decisions.pay(cal, p);
    } else if (cmd instanceof ShardMessages.Release r) {
      return decisions.release(cal, r);
    } else if (cmd instanceof ShardMessages.CheckIn c) {
      return decisions.checkIn(cal, c);
    } else if (cmd instanceof ShardMessages.Reload) {
      return decisions.reload(cal);
    }
    return decisions.delete(cal);
  }
}
