package com.chargeshare.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which booking shards this node serves. Each shard is held with a cluster lock (Hazelcast releases it when the
 * holder leaves or dies); taking one advances its epoch in MySQL before the shard is rebuilt, so an old owner
 * that still believes in it is fenced at its next commit. Every member aims at an even share (the shard count
 * divided by the members, the remainder to the oldest) and gives up or takes shards until it has it.
 * All state changes run on one Vert.x context, one step at a time.
 */
public final class ShardOwnership implements ClusterStatus {

  private static final Logger log = LoggerFactory.getLogger(ShardOwnership.class);
  /** How long a node that was frozen and lost shards meanwhile waits for the cluster to merge it back. */
  private static final long QUARANTINE_MILLIS = 20_000;

  private final Vertx vertx;
  private final Context context;
  private final Membership membership;
  private final int shards;
  private final ShardEpochRepository epochs;
  private ShardHost host;
  private final ClusterMetrics metrics;
  private final long rebalanceMillis;
  private final long pauseMillis;
  private final Map<Integer, Held> held = new ConcurrentHashMap<>();
  private boolean stepping;
  private boolean again;
  private boolean leaving;
  private long lastTick = System.currentTimeMillis();
  private long quarantineUntil;
  private final io.vertx.core.Promise<Void> firstShare = io.vertx.core.Promise.promise();

  private record Held(Lock lock, long epoch) {
  }

  public ShardOwnership(Vertx vertx, Membership membership, int shards, ShardEpochRepository epochs,
                        ClusterMetrics metrics, long rebalanceMillis, long pauseMillis) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.membership = membership;
    this.shards = shards;
    this.epochs = epochs;
    this.metrics = metrics;
    this.rebalanceMillis = rebalanceMillis;
    this.pauseMillis = pauseMillis;
    metrics.shardsOwned(held::size);
    metrics.members(membership::members);
  }

  public static String lockName(int shard) {
    return "chargeshare.shard." + shard;
  }

  /** Starts taking this node's share, opening and closing shards on {@code host}. */
  public void start(ShardHost host) {
    this.host = host;
    membership.onMembershipChange(() -> context.runOnContext(v -> rebalance()));
    context.runOnContext(v -> {
      vertx.setPeriodic(rebalanceMillis, id -> tick());
      rebalance();
    });
  }

  /**
   * The periodic check: re-reads the epochs, then evens out the shares. After a freeze longer than failure
   * detection (a pause, a swap storm) that cost it shards, the node takes no new ones until the cluster has had
   * time to merge it back: alone in its own view, it would otherwise take shards from the healthy members.
   */
  private void tick() {
    long now = System.currentTimeMillis();
    long gap = now - lastTick;
    lastTick = now;
    audit().onComplete(ar -> {
      if (gap > pauseMillis && ar.succeeded() && ar.result() > 0) {
        log.warn("This node was frozen for {} ms and lost {} shards meanwhile: taking no new ones for {} s", gap,
          ar.result(), QUARANTINE_MILLIS / 1000);
        quarantineUntil = System.currentTimeMillis() + QUARANTINE_MILLIS;
      }
      rebalance();
    });
  }

  /** Steps down from every shard whose epoch moved on in MySQL (another node took it); answers how many. */
  private Future<Integer> audit() {
    if (held.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return epochs.all().map(current -> {
      int stale = 0;
      for (var e : held.entrySet()) {
        ShardEpochRepository.Owner o = current.get(e.getKey());
        if (o == null || o.epoch() != e.getValue().epoch()) {
          stale++;
          fenced(e.getKey(), e.getValue().epoch());
        }
      }
      return stale;
    });
  }

  /**
   * The shard's epoch moved on. Its lock is not released: whoever advanced the epoch holds the lock now, and a
   * release here would free theirs. Safe from any thread.
   */
  public void fenced(int shard, long epoch) {
    context.runOnContext(v -> {
      Held h = held.get(shard);
      if (h == null || h.epoch() != epoch) {
        return;
      }
      held.remove(shard);
      metrics.change("fenced");
      log.warn("Shard {} was taken over elsewhere (this node held epoch {}): stepping down", shard, epoch);
      host.close(shard);
    });
  }

  private void rebalance() {
    if (leaving) {
      return;
    }
    if (stepping) {
      again = true;
      return;
    }
    stepping = true;
    step().onComplete(ar -> {
      stepping = false;
      if (held.size() >= target()) {
        firstShare.tryComplete();
      }
      if (ar.failed()) {
        log.warn("Shard rebalance step failed: {}", ar.cause().toString());
      }
      if (again) {
        again = false;
        rebalance();
      }
    });
  }

  /** This member's fair share: an even split, the remainder to the oldest members. */
  int target() {
    int members = Math.max(1, membership.members());
    return shards / members + (membership.index() < shards % members ? 1 : 0);
  }

  private Future<Void> step() {
    int target = target();
    if (held.size() > target) {
      return releaseSome(held.size() - target);
    }
    if (held.size() < target && System.currentTimeMillis() >= quarantineUntil) {
      return acquire(candidates(), 0, target);
    }
    return Future.succeededFuture();
  }

  /** Every shard not held here, starting at a place of this node's own so members rarely race for the same one. */
  private List<Integer> candidates() {
    int offset = Math.floorMod(membership.name().hashCode(), shards);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      int s = (offset + i) % shards;
      if (!held.containsKey(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private Future<Void> acquire(List<Integer> candidates, int i, int target) {
    if (i >= candidates.size() || held.size() >= target || leaving) {
      return Future.succeededFuture();
    }
    int shard = candidates.get(i);
    return vertx.sharedData().getLockWithTimeout(lockName(shard), 1)
      .compose(lock -> take(shard, lock), busy -> Future.succeededFuture())
      .compose(v -> acquire(candidates, i + 1, target));
  }

  private Future<Void> take(int shard, Lock lock) {
    long t0 = System.nanoTime();
    return epochs.advance(shard, membership.name())
      .compose(epoch -> host.open(shard, epoch).map(v -> {
        held.put(shard, new Held(lock, epoch));
        metrics.change("acquired");
        metrics.takeover(System.nanoTime() - t0);
        log.info("Shard {} taken at epoch {} in {} ms ({} owned)", shard, epoch, (System.nanoTime() - t0) / 1_000_000,
          held.size());
        return (Void) null;
      }))
      .recover(err -> {
        log.warn("Could not take shard {}: {}", shard, err.toString());
        lock.release();
        return Future.succeededFuture();
      });
  }

  private Future<Void> releaseSome(int n) {
    List<Integer> mine = new ArrayList<>(new TreeSet<>(held.keySet()).descendingSet());
    Future<Void> chain = Future.succeededFuture();
    for (int shard : mine.subList(0, Math.min(n, mine.size()))) {
      chain = chain.compose(v -> release(shard));
    }
    return chain;
  }

  /** Hands a shard over: the shard drains and finishes its commits first, then the lock goes. */
  private Future<Void> release(int shard) {
    Held h = held.remove(shard);
    if (h == null) {
      return Future.succeededFuture();
    }
    return host.close(shard).otherwiseEmpty().map(v -> {
      h.lock().release();
      metrics.change("released");
      log.info("Shard {} handed over ({} owned)", shard, held.size());
      return null;
    });
  }

  /** Completes once this node holds its fair share for the first time (it serves its shards from then on). */
  public Future<Void> firstShare() {
    return firstShare.future();
  }

  /** Graceful leave: every shard drained and handed over before the node goes. */
  public Future<Void> leave() {
    Future<Void> done = Future.future(p -> context.runOnContext(v -> {
      leaving = true;
      List<Future<Void>> all = new ArrayList<>();
      new ArrayList<>(held.keySet()).forEach(s -> all.add(release(s)));
      Future.join(all).<Void>mapEmpty().onComplete(p);
    }));
    return done.onSuccess(v -> log.info("Node {} handed over all its shards", membership.name()));
  }

  /** Counts a command sent to {@code shard}: a local call, or a hop to another node. */
  public void hop(int shard) {
    metrics.hop(held.containsKey(shard));
  }

  @Override
  public String node() {
    return membership.name();
  }

  @Override
  public int members() {
    return membership.members();
  }

  @Override
  public int shards() {
    return shards;
  }

  @Override
  public Set<Integer> owned() {
    return Set.copyOf(held.keySet());
  }
}
