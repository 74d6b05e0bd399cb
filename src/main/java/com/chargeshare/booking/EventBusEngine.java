package com.chargeshare.booking;

import com.chargeshare.auth.Principal;
import com.chargeshare.failure.NotFound;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sender side of the sharded engine: every command goes to the shard address that owns the charger
 * (a stable function of its id), never to a verticle instance, so ownership could move across a cluster.
 */
public final class EventBusEngine implements BookingEngine {

  private final Vertx vertx;
  private final int shards;
  private final ShardReadiness readiness;
  private final BookingRepository repo;
  private final Alternatives alternatives;
  private final BookingMetrics metrics;
  private final Clock clock;
  private final DeliveryOptions options = new DeliveryOptions().setCodecName(LocalCodec.NAME).setSendTimeout(15_000);

  public EventBusEngine(Vertx vertx, int shards, ShardReadiness readiness, BookingRepository repo, Alternatives alternatives,
                        BookingMetrics metrics, Clock clock) {
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

  @Override
  public boolean ready() {
    return readiness.all();
  }

  private <T> Future<T> ask(ShardMessages.Command cmd) {
    return vertx.eventBus().<ShardMessages.Reply>request(BookingShardVerticle.address(shardOf(cmd.chargerId(), shards)), cmd, options)
      .compose(msg -> msg.body().future());
  }

  @Override
  public Future<BookingOutcome> book(BookRequest request, Receipt receipt) {
    return ask(new ShardMessages.Book(request, receipt));
  }

  @Override
  public Future<Booking> cancel(long bookingId, Principal by) {
    return Cancellation.authorize(repo, bookingId, by, clock.instant())
      .compose(b -> ask(new ShardMessages.Cancel(b, by.id())).map(v -> b.cancelled()));
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
